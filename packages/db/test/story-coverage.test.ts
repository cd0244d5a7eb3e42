import { describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { MEMBERS_READ_PER_STORY, OUTLETS_PER_STORY } from '../src/stories/story-outlets.js';
import type { ItemInput } from '../src/types.js';
import { placeItems } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// How a story's coverage reads back: the other outlets its entry names, the ranking by distinct
// outlets, and search's one hit per story.

const at = (minutes: number) => new Date(Date.parse('2026-03-10T08:00:00Z') + minutes * 60_000).toISOString();

/** Writes each outlet's items and puts them all in one story; returns the story id and item ids by key. */
async function seedStory(
  db: NewsfeedDb,
  versions: { feedId: number; item: ItemInput }[],
): Promise<{ storyId: number; ids: Map<string, number> }> {
  const ids = new Map<string, number>();
  let storyId: number | null = null;
  for (const { feedId, item } of versions) {
    const [result] = await db.items.ingest(feedId, [item]);
    ids.set(item.key, result!.id!);
    storyId = (await placeItems(db, [{ itemId: result!.id!, storyId }]))[0]!;
  }
  return { storyId: storyId!, ids };
}

describe.each(ENGINES)('story coverage on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  async function outlets(names: string[]) {
    return Promise.all(
      names.map((name) => t.db.feeds.add({ url: `https://${name}.example/rss`, title: `The ${name}` })),
    );
  }

  it('names up to three other outlets with their own first headline, earliest first, never the lead’s', async () => {
    const [wire, herald, courier, gazette, tribune] = await outlets([
      'wire',
      'herald',
      'courier',
      'gazette',
      'tribune',
    ]);
    const { storyId, ids } = await seedStory(t.db, [
      { feedId: wire!.id, item: sampleItem('w', { title: 'Port strike halts exports', publishedAt: at(0) }) },
      { feedId: wire!.id, item: sampleItem('w2', { title: 'Port strike: update', publishedAt: at(5) }) },
      { feedId: tribune!.id, item: sampleItem('t', { title: 'Dockers walk out', publishedAt: at(40) }) },
      { feedId: herald!.id, item: sampleItem('h2', { title: 'Herald follow-up', publishedAt: at(30) }) },
      { feedId: herald!.id, item: sampleItem('h', { title: 'Harbour falls silent', publishedAt: at(10) }) },
      { feedId: courier!.id, item: sampleItem('c', { title: 'Strike at the port', publishedAt: at(20) }) },
      { feedId: gazette!.id, item: sampleItem('g', { title: 'Exports stuck at sea', publishedAt: at(25) }) },
    ]);
    const expected = [
      { feed: { id: herald!.id, title: 'The herald' }, itemId: ids.get('h'), title: 'Harbour falls silent' },
      { feed: { id: courier!.id, title: 'The courier' }, itemId: ids.get('c'), title: 'Strike at the port' },
      {
        feed: { id: gazette!.id, title: 'The gazette' },
        itemId: ids.get('g'),
        title: 'Exports stuck at sea',
      },
    ];
    expect(OUTLETS_PER_STORY).toBe(3);

    const [top] = (await t.db.stories.listTop()).items;
    expect(top).toMatchObject({ id: storyId, leadFeed: { id: wire!.id }, itemCount: 7, sourceCount: 5 });
    expect(top!.outlets).toMatchObject(expected);
    expect(top!.outlets[0]).toMatchObject({ url: 'https://news.example/h', publishedAt: at(10) });

    const detail = await t.db.stories.get(storyId);
    expect(detail!.story.outlets).toMatchObject(expected);
  });

  it('reads a bounded number of each story’s earliest members, however big the story', async () => {
    const [live, late] = await outlets(['live', 'late']);
    const updates = Array.from({ length: MEMBERS_READ_PER_STORY }, (_, n) => ({
      feedId: live!.id,
      item: sampleItem(`live-${n}`, { title: `Live update ${n}`, publishedAt: at(n) }),
    }));
    const { storyId } = await seedStory(t.db, [
      ...updates,
      { feedId: late!.id, item: sampleItem('late', { title: 'Late to the story', publishedAt: at(500) }) },
    ]);
    const story = (await t.db.stories.get(storyId))!.story;
    // The count is exact; the late outlet is past the members read for the entry.
    expect(story).toMatchObject({ itemCount: MEMBERS_READ_PER_STORY + 1, sourceCount: 2, outlets: [] });
  });

  it('a story alone in its feed names no other outlet', async () => {
    const [solo] = await outlets(['solo']);
    await seedStory(t.db, [{ feedId: solo!.id, item: sampleItem('s1', { title: 'Only here' }) }]);
    const [top] = (await t.db.stories.listTop()).items;
    expect(top).toMatchObject({ sourceCount: 1, outlets: [] });
  });

  it('ranks a story covered by several outlets above single-outlet items of the same age, however many copies those have', async () => {
    const [a, b, c, repeater, single] = await outlets(['a', 'b', 'c', 'repeater', 'single']);
    const covered = await seedStory(t.db, [
      { feedId: a!.id, item: sampleItem('cov-a', { title: 'Bridge reopens', publishedAt: at(0) }) },
      { feedId: b!.id, item: sampleItem('cov-b', { title: 'Bridge open again', publishedAt: at(0) }) },
      { feedId: c!.id, item: sampleItem('cov-c', { title: 'Traffic back on bridge', publishedAt: at(0) }) },
    ]);
    const copies = await seedStory(
      t.db,
      [1, 2, 3, 4].map((n) => ({
        feedId: repeater!.id,
        item: sampleItem(`rep-${n}`, { title: `Council meets ${n}`, publishedAt: at(0) }),
      })),
    );
    const alone = await seedStory(t.db, [
      { feedId: single!.id, item: sampleItem('one', { title: 'Library opens', publishedAt: at(0) }) },
    ]);
    const order = (await t.db.stories.listTop()).items.map((story) => story.id);
    expect(order[0]).toBe(covered.storyId);
    const byId = new Map((await t.db.stories.listTop()).items.map((story) => [story.id, story]));
    // Four copies from one feed are one source: no better placed than a single item of the same age.
    expect(byId.get(copies.storyId)).toMatchObject({ itemCount: 4, sourceCount: 1 });
    expect(byId.get(copies.storyId)!.score).toBe(byId.get(alone.storyId)!.score);
  });

  it('search returns one hit per story, its best-ranked item, with the story’s other outlets, on every page', async () => {
    const [wire, herald, courier] = await outlets(['wire', 'herald', 'courier']);
    const quake = await seedStory(t.db, [
      {
        feedId: wire!.id,
        item: sampleItem('q-wire', {
          title: 'Earthquake strikes off the coast',
          contentText: 'An earthquake of magnitude 6.1 struck offshore.',
          publishedAt: at(0),
        }),
      },
      {
        feedId: herald!.id,
        item: sampleItem('q-herald', {
          title: 'Coastal towns shaken',
          contentText: 'The earthquake woke residents before dawn.',
          publishedAt: at(10),
        }),
      },
      {
        feedId: courier!.id,
        item: sampleItem('q-courier', {
          title: 'Earthquake: what we know',
          contentText: 'Officials said the earthquake caused little damage.',
          publishedAt: at(20),
        }),
      },
    ]);
    // Separate stories (and an item with no story) stay separate hits.
    const other = await seedStory(t.db, [
      {
        feedId: herald!.id,
        item: sampleItem('q-old', { title: 'Earthquake drill at schools', publishedAt: at(-9000) }),
      },
    ]);
    const [loose] = await t.db.items.ingest(courier!.id, [
      sampleItem('q-loose', { title: 'Earthquake insurance explained', publishedAt: at(-100) }),
    ]);

    const { items: hits } = await t.db.search.query({ query: 'earthquake', limit: 10 });
    expect(hits.map((hit) => hit.storyId).sort()).toEqual([quake.storyId, other.storyId, null].sort());
    const quakeHit = hits.find((hit) => hit.storyId === quake.storyId)!;
    // Title matches outrank text-only ones; of the two, the newer wins the tie.
    expect(quakeHit.itemId).toBe(quake.ids.get('q-courier'));
    expect(quakeHit).toMatchObject({ sourceCount: 3 });
    expect(quakeHit.outlets.map((outlet) => outlet.title)).toEqual([
      'Earthquake strikes off the coast',
      'Coastal towns shaken',
    ]);
    expect(hits.find((hit) => hit.storyId === null)).toMatchObject({
      itemId: loose!.id,
      sourceCount: 1,
      outlets: [],
    });

    // One per page: the pages together hold each story once.
    const seen: (number | null)[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof t.db.search.query>> = await t.db.search.query({
        query: 'earthquake',
        limit: 1,
        cursor,
      });
      seen.push(...page.items.map((hit) => hit.storyId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(hits.map((hit) => hit.storyId));
  });
});
