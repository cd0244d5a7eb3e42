import { readFileSync } from 'node:fs';
import { simhash } from '@newsfeed/parser';
import { describe, expect, it } from 'vitest';
import { type ClusterDoc, changedMaterially, StoryIndex } from '../src/cluster/rule/index.js';
import { StoryPostings } from '../src/cluster/rule/story-postings.js';
import { contentWords, contentWordsOf, foldedWords, stem } from '../src/cluster/rule/terms.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/wire/${name}.txt`, import.meta.url), 'utf8');
const HOUR = 3_600_000;
const AT = Date.parse('2026-11-28T10:00:00.000Z');

function doc(id: number, title: string, options: Partial<ClusterDoc> = {}): ClusterDoc {
  return {
    id,
    feedId: id,
    title,
    text: null,
    language: null,
    publishedAt: AT,
    firstSeenAt: AT,
    ...options,
  };
}

/** Headlines of unrelated events, a stream's background. */
const BACKGROUND = [
  'Apple releases iOS 7.1 with CarPlay and Siri fixes',
  "ECB's Draghi says rates will stay low",
  'Comcast to buy Time Warner Cable in $45 billion deal',
  'Malaysia Airlines flight missing over South China Sea',
  'Libyan navy fires on tanker carrying rebel oil',
  "McDonald's February sales fall as cold weather keeps diners home",
  'Snowden tells SXSW encryption can protect users from surveillance',
  'Gas prices rise for third week as refineries switch blends',
  'US job openings rise in January',
  'Herbalife says Ackman lobbying campaign failed',
];

/** The clusterer stage's loop: place -> (persist) -> add, merges applied; returns item -> story. */
function cluster(docs: readonly ClusterDoc[], index = new StoryIndex()): Map<number, number> {
  const storyOf = new Map<number, number>();
  for (const item of docs) {
    const placement = index.place(item);
    const storyId = placement.storyId ?? item.id;
    index.add(item, storyId);
    storyOf.set(item.id, storyId);
    for (const from of placement.mergeStoryIds) {
      index.mergeStories(from, storyId);
      for (const [member, story] of storyOf) if (story === from) storyOf.set(member, storyId);
    }
  }
  return storyOf;
}

/** Items grouped by story, each group sorted, groups in order of their first item. */
function groups(storyOf: Map<number, number>): number[][] {
  const byStory = new Map<number, number[]>();
  for (const [item, story] of [...storyOf].sort((a, b) => a[0] - b[0])) {
    if (!byStory.has(story)) byStory.set(story, []);
    byStory.get(story)?.push(item);
  }
  return [...byStory.values()];
}

describe('event-level clustering rule', () => {
  it("joins different outlets' own headlines about one event (the Fed example)", () => {
    // Other events' headlines first, as in a real stream: they teach the rule which words are common.
    const background = BACKGROUND.map((title, index) => doc(index + 100, title));
    const storyOf = cluster([
      ...background,
      doc(1, "Fed's Plosser: taper pace may be too slow"),
      doc(2, "Fed's Plosser says taper pace too slow, blames weather for weak data"),
      doc(3, 'Fed official says weak data caused by weather'),
    ]);
    expect(groups(storyOf)).toEqual([[1, 2, 3], ...background.map((item) => [item.id])]);
  });

  it('joins one event three outlets tell in different words, each with its own text', () => {
    // Each outlet names the event in its lead, then follows its own angle: the lead is the evidence.
    const background = BACKGROUND.map((title, index) => doc(index + 100, title));
    const storyOf = cluster([
      ...background,
      doc(1, 'Landslide closes Varnholm pass road, stranding 300 drivers overnight', {
        text:
          'A landslide buried the Varnholm pass road on Tuesday evening and stranded some 300 drivers overnight, ' +
          'the regional roads office said. Rescue crews reached the last of the cars shortly after dawn. ' +
          'Hotels in the valley opened their lobbies to families, and the school gym served soup until midnight. ' +
          'Geologists blamed a week of heavy rain that loosened the slope above the third hairpin bend.',
      }),
      doc(2, 'Hauliers count the cost as landslide keeps Varnholm pass road closed', {
        text:
          'Hauliers say every day the Varnholm pass road stays closed after the landslide on Tuesday costs them, ' +
          'with 300 drivers stranded overnight and the regional roads office unable to say when it reopens. ' +
          'Timber firms in the upper valley have parked their lorries, and the dairy cooperative is sending milk ' +
          'on a four-hour detour through the lowlands, its manager complained at a packed meeting.',
      }),
      doc(3, 'Why the landslide that closed Varnholm pass road was waiting to happen', {
        text:
          'The landslide that closed the Varnholm pass road on Tuesday and stranded 300 drivers overnight came as ' +
          'no surprise to the regional roads office. Its own survey warned two years ago that drainage pipes ' +
          'under the slope were blocked, and funding to replace them was postponed twice by the budget committee ' +
          'because engineers ranked bridges higher.',
      }),
      doc(4, 'Varnholm council votes to rebuild the pass road museum', {
        text:
          'The Varnholm council voted on Tuesday to rebuild the museum beside the pass road, which has been ' +
          'closed since a fire gutted its archive, the mayor said. Work will start in spring once the insurer pays.',
      }),
    ]);
    expect(groups(storyOf)).toEqual([[1, 2, 3], [4], ...background.map((item) => [item.id])]);
  });

  it('keeps distinct events apart, also when they share a word', () => {
    const storyOf = cluster([
      doc(1, "Fed's Plosser: taper pace may be too slow"),
      doc(2, 'Apple releases iOS 7.1 with CarPlay and Siri fixes'),
      doc(3, "ECB's Draghi says rates will stay low"),
      doc(4, 'Apple shares fall as iPhone sales slow in China'),
      doc(5, 'Fed holds rates, says economy improving'),
    ]);
    expect(groups(storyOf)).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('folds accents and case: near-identical title-only items join', () => {
    const storyOf = cluster([
      doc(6, 'Storm Ciarán hits northern France'),
      doc(7, 'STORM CIARAN HITS NORTHERN FRANCE'),
      doc(8, 'Wildfire forces evacuations in southern Spain'),
    ]);
    expect(groups(storyOf)).toEqual([[6, 7], [8]]);
  });

  it('respects time: the same event a week later is a new story, within days it grows', () => {
    const title = 'Geneva talks resume on prisoner swap and ceasefire';
    const storyOf = cluster([
      doc(1, title),
      doc(2, 'Geneva talks on prisoner swap resume, ceasefire holds', { publishedAt: AT + 30 * HOUR }),
      doc(3, title, { publishedAt: AT + 7 * 24 * HOUR, firstSeenAt: AT + 7 * 24 * HOUR }),
    ]);
    expect(groups(storyOf)).toEqual([[1, 2], [3]]);
  });

  it('never merges across known languages; an unknown language may join', () => {
    const storyOf = cluster([
      doc(1, 'Tesla Gigafactory Berlin Grünheide Produktion startet', { language: 'de' }),
      doc(2, 'Tesla Gigafactory Berlin Grünheide Produktion startet', { language: 'en' }),
      doc(3, 'Tesla Gigafactory Berlin Grünheide Produktion startet'),
    ]);
    expect(groups(storyOf)).toEqual([[1, 3], [2]]);
  });

  it('keeps wire copies under different boilerplate in one story, and a different event apart', () => {
    const storyOf = cluster([
      doc(1, 'Geneva talks resume on prisoner swap and ceasefire', { text: fixture('agency') }),
      doc(2, 'Peace talks resume in Geneva, prisoner exchange on the table', { text: fixture('outlet-a') }),
      doc(3, 'Geneva talks resume after three-week pause', { text: fixture('outlet-b') }),
      doc(4, 'Geneva talks collapse over humanitarian corridors', { text: fixture('other-event') }),
    ]);
    expect(groups(storyOf)).toEqual([[1, 2, 3], [4]]);
  });

  it('uses the stored simhash when the caller passes it: the same placements', () => {
    const docs = [
      doc(1, 'Geneva talks resume on prisoner swap and ceasefire', { text: fixture('agency') }),
      doc(2, 'Peace talks resume in Geneva, prisoner exchange on the table', { text: fixture('outlet-a') }),
      doc(3, 'Geneva talks collapse over humanitarian corridors', { text: fixture('other-event') }),
    ];
    const stored = docs.map((item) => ({ ...item, simhash: simhash(`${item.title}\n${item.text}`) }));
    expect(groups(cluster(stored))).toEqual(groups(cluster(docs)));
    expect(groups(cluster(stored))).toEqual([[1, 2], [3]]);
  });

  it('keeps the same wire text apart when it was published days apart (a re-run is a new event)', () => {
    const storyOf = cluster([
      doc(1, 'Geneva talks resume on prisoner swap and ceasefire', { text: fixture('agency') }),
      doc(2, 'Peace talks resume in Geneva, prisoner exchange on the table', {
        text: fixture('outlet-a'),
        publishedAt: AT + 7 * 24 * HOUR,
        firstSeenAt: AT + 7 * 24 * HOUR,
      }),
    ]);
    expect(groups(storyOf)).toEqual([[1], [2]]);
  });

  it('applies merges: an item proving two stories are one event merges them', () => {
    const index = new StoryIndex();
    const first = doc(1, 'Malaysia Airlines flight MH370 missing over South China Sea');
    const second = doc(2, 'Vietnam navy searches sea for missing Boeing 777');
    index.add(first, 100);
    index.add(second, 200);
    const bridge = doc(
      3,
      'Malaysia Airlines MH370: Vietnam navy searches South China Sea for missing Boeing 777',
    );
    const placement = index.place(bridge);
    expect(placement.storyId).not.toBeNull();
    expect([placement.storyId, ...placement.mergeStoryIds].sort()).toEqual([100, 200]);
  });
});

describe('story merges by centroid', () => {
  /** Background events, then stories 100 and 200 from their headlines; returns where `item` goes. */
  function placeAfter(first: string[], second: string[], item: string, storyMergeThreshold?: number) {
    const index = new StoryIndex({}, storyMergeThreshold === undefined ? {} : { storyMergeThreshold });
    let id = 1;
    for (const title of BACKGROUND) index.add(doc(id, title), id++);
    for (const title of first) index.add(doc(id++, title), 100);
    for (const title of second) index.add(doc(id++, title), 200);
    return index.place(doc(id, item));
  }

  const forexProbe = [
    'Bank of England suspends trader in forex rigging probe',
    'Forex rigging scandal could be bigger than Libor, says Carney',
    'Carney grilled by MPs over forex rigging',
  ];
  const carneyHearing = [
    'Bank of England governor Carney faces MPs on forex scandal',
    'Carney tells MPs forex scandal is serious',
    'Lawmakers question Carney on forex scandal',
  ];

  it("merges two stories of one event in other words when an item joins one (it need not match the other's words)", () => {
    const item = 'Forex rigging probe: Bank of England suspends trader';
    const placement = placeAfter(forexProbe, carneyHearing, item);
    expect(placement.storyId).toBe(100);
    expect(placement.mergeStoryIds).toEqual([200]);
    // The item alone is no proof: without the centroid comparison the two stories stay apart.
    expect(placeAfter(forexProbe, carneyHearing, item, Number.POSITIVE_INFINITY).mergeStoryIds).toEqual([]);
  });

  it('keeps two events about one person apart (a fan arrested, a show in underwear)', () => {
    const placement = placeAfter(
      [
        'Miley Cyrus fan arrested after sneaking into her dressing room',
        'Police arrest teen who sneaked into Miley Cyrus dressing room',
        'Miley Cyrus fan arrested for sneaking backstage in Omaha',
      ],
      [
        'Miley Cyrus performs in her underwear after missed costume change',
        'Miley Cyrus forced to perform in underwear after costume blunder',
        'Miley Cyrus plays Milwaukee show in her underwear',
      ],
      'Teen arrested in Miley Cyrus dressing room left a note',
    );
    expect(placement).toMatchObject({ storyId: 100, mergeStoryIds: [] });
  });
});

describe('stem', () => {
  it('meets plurals and verb inflections of one word, and leaves words whose ending is their own', () => {
    const stems = (words: string) => words.split(' ').map(stem);
    expect(new Set(stems('arrest arrests arrested arresting'))).toEqual(new Set(['arrest']));
    expect(new Set(stems('sneak sneaks sneaked sneaking'))).toEqual(new Set(['sneak']));
    expect(new Set(stems('change changes changed changing'))).toEqual(new Set(['chang']));
    expect(new Set(stems('stop stops stopped stopping'))).toEqual(new Set(['stop']));
    expect(new Set(stems('company companies'))).toEqual(new Set(['company']));
    expect(stems('need speed king thing news crisis bus fall')).toEqual(
      'need speed king thing news crisis bus fall'.split(' '),
    );
  });
});

describe('bad input', () => {
  it('an item with no title and no text, or a one-word title, starts a story of its own', () => {
    const storyOf = cluster([
      doc(1, ''),
      doc(2, ''),
      doc(3, 'Breaking'),
      doc(4, 'Obama'),
      doc(5, 'Obama'),
      doc(6, '   ', { text: '  ' }),
    ]);
    expect(groups(storyOf)).toEqual([[1], [2], [3], [4], [5], [6]]);
  });

  it('10,000 items of one feed: each candidate set bounded, republished headlines join their story', () => {
    const index = new StoryIndex({ maxCandidates: 8 });
    const events = 100;
    const docs: ClusterDoc[] = [];
    for (let id = 1; id <= 10_000; id++) {
      const event = id % events;
      // Distinct made-up words per event, so events share no content word.
      docs.push(
        doc(id, `Zq${event}a Vx${event}b Kp${event}c report`, { feedId: 1, publishedAt: AT + id * 1000 }),
      );
    }
    const storyOf = cluster(docs, index);
    expect(index.size).toBe(10_000);
    expect(new Set(storyOf.values()).size).toBe(events);
    for (const [id, story] of storyOf) expect(story).toBe(((id - 1) % events) + 1);
  });

  it('a feed republishing everything with new ids: same titles, same stories, no new ones', () => {
    const titles = [
      'Comcast to buy Time Warner Cable in $45 billion deal',
      'Neil Young unveils PonoPlayer high-resolution music player',
      'SAC Capital renames itself Point72 Asset Management',
    ];
    const first = titles.map((title, index) => doc(index + 1, title, { feedId: 7 }));
    const again = titles.map((title, index) =>
      doc(index + 11, title, { feedId: 7, firstSeenAt: AT + 2 * HOUR, publishedAt: AT + 2 * HOUR }),
    );
    const storyOf = cluster([...first, ...again]);
    expect(groups(storyOf)).toEqual([
      [1, 11],
      [2, 12],
      [3, 13],
    ]);
  });

  it('all headlines identical ("Live updates"): unrelated feeds stay apart, one feed keeps one thread', () => {
    const docs = Array.from({ length: 40 }, (_, index) =>
      doc(index + 1, 'Live updates', { feedId: (index % 20) + 1, publishedAt: AT + index * HOUR }),
    );
    const storyOf = cluster(docs);
    // Generic words are no evidence of one event: only a feed's own repeats within the window join.
    expect(groups(storyOf)).toEqual(Array.from({ length: 20 }, (_, feed) => [feed + 1, feed + 21]));
    const later = cluster(
      Array.from({ length: 5 }, (_, index) =>
        doc(index + 1, 'Live updates', {
          feedId: 1,
          publishedAt: AT + index * 5 * 24 * HOUR,
          firstSeenAt: AT + index * 5 * 24 * HOUR,
        }),
      ),
    );
    expect(groups(later)).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('mixed languages in one feed: each language forms its own stories', () => {
    const storyOf = cluster([
      doc(1, 'Champions League: Bayern München schlägt Arsenal London', { feedId: 3, language: 'de' }),
      doc(2, 'Champions League: Bayern München beats Arsenal London', { feedId: 3, language: 'en' }),
      doc(3, 'Champions League: Bayern München schlägt Arsenal in London', { feedId: 4, language: 'de' }),
      doc(4, 'Champions League: Bayern München beat Arsenal in London', { feedId: 5, language: 'en' }),
    ]);
    expect(groups(storyOf)).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
});

describe('StoryIndex bookkeeping', () => {
  const docs = [
    doc(1, 'Comcast to buy Time Warner Cable in $45 billion deal'),
    doc(2, 'Comcast agrees to buy Time Warner Cable'),
    doc(3, 'Comcast-Time Warner Cable deal faces regulators'),
    doc(4, 'Neil Young unveils PonoPlayer music player'),
    doc(5, 'Neil Young PonoPlayer Kickstarter raises millions'),
  ];

  it('is deterministic: the same docs in the same order give the same placements', () => {
    const run = () => {
      const index = new StoryIndex();
      return docs.map((item) => {
        const placement = index.place(item);
        index.add(item, placement.storyId ?? item.id);
        return placement;
      });
    };
    expect(run()).toEqual(run());
  });

  it('keeps at most maxItems items, forgetting the oldest first', () => {
    const index = new StoryIndex({ maxItems: 3 });
    const storyOf = cluster(docs, index);
    expect(index.size).toBe(3);
    expect(groups(storyOf)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    // Items 1 and 2 are forgotten: a copy of item 1's headline from another feed finds item 3's story.
    expect(index.place({ ...(docs[0] as ClusterDoc), id: 20, feedId: 20 }).storyId).toBe(1);
    index.remove(3);
    expect(index.place({ ...(docs[0] as ClusterDoc), id: 20, feedId: 20 }).storyId).toBeNull();
  });

  it('place() does not change the index', () => {
    const index = new StoryIndex();
    cluster(docs.slice(0, 3), index);
    const next = doc(9, 'Comcast Time Warner Cable deal: regulators ask questions');
    const first = index.place(next);
    expect(index.place(next)).toEqual(first);
    expect(index.size).toBe(3);
    expect(first.storyId).toBe(1);
  });

  it('names the most central member as lead, forgets removed and evicted items', () => {
    const index = new StoryIndex();
    const storyOf = cluster(docs, index);
    expect(groups(storyOf)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect([1, 2, 3]).toContain(index.leadOf(1));
    expect(index.leadOf(999)).toBeNull();
    index.remove(2);
    expect(index.size).toBe(4);
    expect(index.place(docs[1] as ClusterDoc).storyId).toBe(1);
    index.mergeStories(4, 1);
    expect([1, 3, 4, 5]).toContain(index.leadOf(1));
    expect(index.leadOf(4)).toBeNull();
    index.evictBefore(AT + 1);
    expect(index.size).toBe(0);
    expect(index.place(docs[1] as ClusterDoc).storyId).toBeNull();
  });

  it('changedMaterially: a typo fix is not material, a new headline or a new text is', () => {
    const before = doc(1, 'Geneva talks resume on prisoner swap and ceasefire', { text: fixture('agency') });
    expect(
      changedMaterially(before, { ...before, title: 'Geneva talks resume on prisoner swap and cease-fire' }),
    ).toBe(false);
    expect(changedMaterially(before, { ...before, text: `${fixture('agency')}\nUpdated at 12:00.` })).toBe(
      false,
    );
    expect(
      changedMaterially(before, { ...before, title: 'Geneva talks collapse over humanitarian corridors' }),
    ).toBe(true);
    expect(changedMaterially(before, { ...before, text: fixture('other-event') })).toBe(true);
    expect(changedMaterially(before, { ...before, language: 'fr' })).toBe(true);
  });
});

describe('StoryPostings (the candidate keys)', () => {
  it('counts like a plain term -> story -> members map through adds, removals and moves', () => {
    const postings = new StoryPostings();
    const model = new Map<string, Map<number, number>>();
    const modelAdd = (term: string, story: number, delta: number) => {
      const stories = model.get(term) ?? new Map<number, number>();
      const count = (stories.get(story) ?? 0) + delta;
      if (count > 0) stories.set(story, count);
      else stories.delete(story);
      model.set(term, stories);
    };
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % below;
    };
    for (let step = 0; step < 5_000; step++) {
      const term = `t${random(6)}`;
      const story = random(4);
      const operation = random(3);
      if (operation === 0) {
        modelAdd(term, story, 1);
        expect(postings.add(term, story, 1)).toBe(model.get(term)!.get(story));
      } else if (operation === 1 && (model.get(term)?.get(story) ?? 0) > 0) {
        modelAdd(term, story, -1);
        expect(postings.add(term, story, -1)).toBe(model.get(term)!.get(story) ?? 0);
      } else if (operation === 2) {
        const into = random(4);
        if (into === story) continue;
        postings.move(term, story, into);
        const count = model.get(term)?.get(story) ?? 0;
        modelAdd(term, story, -count);
        modelAdd(term, into, count);
      }
      for (const [name, stories] of model) {
        expect(postings.size(name)).toBe(stories.size);
        // In the model's order too: candidates are gathered in it.
        expect([...postings.storyIds(name)]).toEqual([...stories.keys()]);
        for (let id = 0; id < 4; id++) expect(postings.count(name, id)).toBe(stories.get(id) ?? 0);
      }
    }
  });
});

describe('contentWords (a text folded a piece at a time)', () => {
  it('gives the words of the whole text folded at once, whatever falls on a piece boundary', () => {
    const tokens = [
      'Minister',
      "Russia's",
      'aujourd’hui',
      'café',
      'Cafe\u0301',
      'ΟΔΟΣ',
      'Σ',
      '東京で会議',
      'ﬁnance',
      'Ｆｕｌｌ',
      'the',
      'news',
      'taxes',
      '—',
      'x'.repeat(450),
      '\u0301',
      "o'clock",
      '42,000',
    ];
    let seed = 11;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % below;
    };
    for (let text = 0; text < 200; text++) {
      const parts: string[] = [];
      for (let word = 0; word < 40 + random(400); word++) {
        parts.push(tokens[random(tokens.length)]!, [' ', ' ', '\n', '  ', ' \n\n'][random(5)]!);
      }
      const body = parts.join('');
      for (const limit of [20, Number.POSITIVE_INFINITY])
        for (const language of ['en', null])
          expect(contentWords(body, language, 120, limit)).toEqual(
            contentWordsOf(foldedWords(body), language, 120, limit),
          );
    }
  });
});
