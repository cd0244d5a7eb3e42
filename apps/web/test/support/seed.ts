import { createDb, type ItemInput } from '@newsfeed/db';
import { placeItem } from './place';

// A small, known database for the route and browser tests: six outlets, one wire story run by
// two of them, one event covered by four outlets in their own words (and twice by one of them), one
// item whose stored HTML is hostile, one known search phrase, one old story, and enough filler to
// need a second page.

export const KNOWN_PHRASE = 'quantum harmonica festival';
export const FILLER_STORIES = 40;
/** Every story the seed makes: the filler and six others. */
export const SEEDED_STORIES = FILLER_STORIES + 6;
/** The word every version of the covered event has, and no other item. */
export const COVERAGE_WORD = 'dockworkers';
export const HOSTILE_TITLE = 'Hostile markup survives nothing';

export interface SeedInfo {
  feeds: {
    planet: number;
    gazette: number;
    tech: number;
    monde: number;
    herald: number;
    courier: number;
    failing: number;
    disabled: number;
  };
  wireStoryId: number;
  coverageStoryId: number;
  hostileStoryId: number;
  phraseStoryId: number;
  oldStoryId: number;
  frenchStoryId: number;
}

function minutesAgo(minutes: number, now: Date): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

/** An item as a feed would deliver it: `fields` over plain defaults. */
export function testItem(key: string, fields: Partial<ItemInput> & { title: string }): ItemInput {
  return {
    key,
    guid: key,
    url: `https://news.example/${key}`,
    canonicalUrl: `https://news.example/${key}`,
    summary: null,
    contentHtml: null,
    contentText: null,
    authors: [],
    categories: [],
    enclosures: [],
    publishedAt: null,
    updatedAt: null,
    language: 'en',
    imageUrl: null,
    commentsUrl: null,
    wire: null,
    wordCount: 0,
    contentHash: null,
    simhash: null,
    ...fields,
  };
}

const WIRE_TEXT = [
  'GENEVA (AFP) – Delegates from the four river states agreed a ceasefire on the disputed dam project after talks that ran through the night.',
  'The deal opens the sluice gates for the summer and sets up a panel of engineers from every side.',
];

const HOSTILE_HTML = [
  '<p>Before the script.</p>',
  '<script>window.__xss = "script"; document.title = "pwned";</script>',
  '<img src="https://images.example/x.png" onerror="window.__xss = \'onerror\'" alt="pic">',
  '<p onclick="window.__xss = \'onclick\'">Click me paragraph.</p>',
  '<a id="evil-link" href="javascript:window.__xss=\'href\'">A javascript link</a>',
  '<svg onload="window.__xss = \'svg\'"><circle r="4"/></svg>',
  '<iframe srcdoc="<script>parent.__xss = \'iframe\'</script>"></iframe>',
  '<form action="https://evil.example/"><input name="password"><button>Log in</button></form>',
  '<p style="position:fixed;top:0">After the script.</p>',
].join('\n');

export async function seedTestDatabase(url: string, now: Date = new Date()): Promise<SeedInfo> {
  const db = await createDb(url);
  try {
    const addFeed = async (key: string, title: string, language: string, folder: string) => {
      const feed = await db.feeds.add({
        url: `https://${key}.example/feed.xml`,
        title,
        siteUrl: `https://${key}.example/`,
        folder,
      });
      await db.feeds.update(feed.id, {
        language,
        lastSuccessAt: minutesAgo(5, now),
        nextPollAt: minutesAgo(-25, now),
      });
      return feed.id;
    };
    const planet = await addFeed('planet', 'Daily Planet', 'en', 'World');
    const gazette = await addFeed('gazette', 'Gotham Gazette', 'en', 'World');
    const tech = await addFeed('tech', 'Tech Weekly', 'en', 'Tech');
    const monde = await addFeed('monde', 'Le Monde Fictif', 'fr', 'Monde');
    const herald = await addFeed('herald', 'Evening Herald', 'en', 'World');
    const courier = await addFeed('courier', 'Bay Courier', 'en', 'World');
    const failing = await addFeed('failing', 'Broken Bugle', 'en', 'World');
    await db.feeds.update(failing, {
      errorCount: 3,
      lastError: 'HTTP 503 Service Unavailable from https://failing.example/feed.xml',
      lastErrorAt: minutesAgo(2, now),
    });
    const disabled = await addFeed('gone', 'Gone Gazette', 'en', 'World');
    await db.feeds.update(disabled, {
      disabled: true,
      disabledReason: 'HTTP 410 Gone: the feed was removed',
    });

    const insert = async (feedId: number, input: ItemInput, storyId: number | null = null) => {
      // Seen when published, as a live worker would have seen it: time windows filter on that.
      const seenAt = input.publishedAt ? new Date(input.publishedAt) : now;
      const [result] = await db.items.ingest(feedId, [input], { now: seenAt });
      if (!result?.id) throw new Error(`seed: item ${input.key} was not inserted`);
      return placeItem(db, result.id, storyId);
    };

    const wireStoryId = await insert(
      planet,
      testItem('wire-planet', {
        title: 'River states agree dam ceasefire after all-night talks',
        summary: WIRE_TEXT[0]!,
        contentHtml: WIRE_TEXT.map((text) => `<p>${text}</p>`).join(''),
        contentText: WIRE_TEXT.join('\n\n'),
        authors: [{ name: 'Lois Lane' }],
        publishedAt: minutesAgo(10, now),
        wire: 'AFP',
        imageUrl: 'https://images.example/dam.jpg',
        wordCount: 40,
      }),
    );
    await insert(
      gazette,
      testItem('wire-gazette', {
        title: 'Dam ceasefire agreed by river states',
        summary: WIRE_TEXT[0]!,
        contentText: WIRE_TEXT.join('\n\n'),
        publishedAt: minutesAgo(12, now),
        wire: 'AFP',
        wordCount: 40,
      }),
      wireStoryId,
    );
    // One event, each outlet's own headline and text; the Planet's later update is the same outlet.
    const coverage = [
      [planet, 'cov-planet', 'Dockworkers strike shuts the container port', 15],
      [gazette, 'cov-gazette', 'Port walkout strands 30 ships in the bay', 14],
      [herald, 'cov-herald', 'Unions and port bosses trade blame as dockworkers stay out', 13],
      [courier, 'cov-courier', 'What the dockworkers’ strike means for shop shelves', 11],
      [planet, 'cov-planet-update', 'Dockworkers strike: talks to resume on Friday', 5],
    ] as const;
    let coverageStoryId: number | null = null;
    for (const [feedId, key, title, minutes] of coverage) {
      coverageStoryId = await insert(
        feedId,
        testItem(key, {
          title,
          summary: `${title}. Dockworkers walked out at dawn over shift pay; 30 ships wait at anchor.`,
          contentText: `${title}. Dockworkers walked out at dawn over shift pay; 30 ships wait at anchor.`,
          publishedAt: minutesAgo(minutes, now),
          wordCount: 20,
        }),
        coverageStoryId,
      );
    }
    const phraseStoryId = await insert(
      tech,
      testItem('phrase', {
        title: 'Synth makers gather in the port city',
        summary: `The first ${KNOWN_PHRASE} drew instrument builders from nine countries.`,
        contentText: `The first ${KNOWN_PHRASE} drew instrument builders from nine countries to the old warehouse district.`,
        publishedAt: minutesAgo(30, now),
        wordCount: 20,
      }),
    );
    const hostileStoryId = await insert(
      tech,
      testItem('hostile', {
        title: HOSTILE_TITLE,
        summary: 'An item whose stored HTML tries every trick.',
        contentHtml: HOSTILE_HTML,
        url: 'javascript:window.__xss="item-url"',
        publishedAt: minutesAgo(40, now),
      }),
    );
    const frenchStoryId = await insert(
      monde,
      testItem('monde', {
        title: 'Le tramway de nuit arrive dans la vieille ville',
        summary: 'Quatre lignes circuleront toute la nuit dès le printemps.',
        contentText: 'Quatre lignes circuleront toute la nuit dès le printemps.',
        language: 'fr',
        publishedAt: minutesAgo(50, now),
      }),
    );
    const oldStoryId = await insert(
      monde,
      testItem('old', {
        title: 'Archive piece from last month',
        summary: 'This story is older than a week.',
        publishedAt: minutesAgo(60 * 24 * 20, now),
      }),
    );
    for (let index = 1; index <= FILLER_STORIES; index++) {
      await insert(
        index % 2 === 0 ? planet : gazette,
        testItem(`filler-${index}`, {
          title: `Filler headline number ${index} about local affairs`,
          summary: `Routine report ${index} from the council meeting, with a second sentence to fill two lines of summary on the front page.`,
          publishedAt: minutesAgo(60 + index * 7, now),
        }),
      );
    }
    return {
      feeds: { planet, gazette, tech, monde, herald, courier, failing, disabled },
      wireStoryId,
      coverageStoryId: coverageStoryId!,
      hostileStoryId,
      phraseStoryId,
      oldStoryId,
      frenchStoryId,
    };
  } finally {
    await db.close();
  }
}
