import { describe, expect, it } from 'vitest';
import { clusterQueued, placeItems } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

const hour = (n: number) => new Date(Date.parse('2026-02-01T00:00:00Z') + n * 3_600_000).toISOString();

describe.each(ENGINES)('stories on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it("the clusterer's writes create, grow and move stories, recomputing lead, counts and score", async () => {
    const afp = await t.db.feeds.add({ url: 'https://afp.example/rss', title: 'AFP' });
    const outlet = await t.db.feeds.add({ url: 'https://outlet.example/rss', title: 'Outlet' });
    const [wire] = await t.db.items.ingest(afp.id, [
      sampleItem('w', { title: 'US, Russia to hold talks in Geneva', publishedAt: hour(1), wire: 'AFP' }),
    ]);
    const [copy, other] = await t.db.items.ingest(outlet.id, [
      sampleItem('c', {
        title: 'US and Russia to hold Geneva talks',
        publishedAt: hour(2),
        imageUrl: 'https://i/1.jpg',
      }),
      sampleItem('o', { title: 'Markets close higher', publishedAt: hour(3) }),
    ]);
    const [storyId] = (await placeItems(t.db, [{ itemId: copy!.id!, storyId: null }])) as [number];
    expect((await t.db.stories.get(storyId))?.story).toMatchObject({
      leadItemId: copy!.id,
      itemCount: 1,
      sourceCount: 1,
    });
    const single = (await t.db.stories.get(storyId))!.story.score;

    await placeItems(t.db, [{ itemId: wire!.id!, storyId, lead: wire!.id! }]);
    const detail = (await t.db.stories.get(storyId))!;
    expect(detail.story).toMatchObject({
      title: 'US, Russia to hold talks in Geneva',
      leadItemId: wire!.id,
      leadFeed: { id: afp.id, title: 'AFP' },
      leadUrl: 'https://news.example/w',
      wire: 'AFP',
      imageUrl: 'https://i/1.jpg',
      itemCount: 2,
      sourceCount: 2,
      publishedAt: hour(1),
    });
    // Two sources outrank one, even though the lead is an hour older.
    expect(detail.story.score).toBeGreaterThan(single);
    expect(detail.items.map((item) => item.id)).toEqual([wire!.id, copy!.id]);

    // Moving the copy out leaves the first story with one item, and creates a second one.
    const [otherStory] = (await placeItems(t.db, [{ itemId: other!.id!, storyId: null }])) as [number];
    await placeItems(t.db, [{ itemId: copy!.id!, storyId: otherStory }]);
    expect((await t.db.stories.get(storyId))!.story).toMatchObject({ itemCount: 1, sourceCount: 1 });
    expect((await t.db.stories.get(otherStory))!.story).toMatchObject({ itemCount: 2, sourceCount: 1 });
    // The lead the clusterer names heads the story: its headline and outlet.
    await placeItems(t.db, [{ itemId: copy!.id!, storyId: otherStory, lead: copy!.id! }]);
    expect((await t.db.stories.get(otherStory))!.story).toMatchObject({
      leadItemId: copy!.id,
      title: 'US and Russia to hold Geneva talks',
    });
  });

  it('a merge moves every member and leaves a redirect that follows later merges', async () => {
    const feed = await t.db.feeds.add({ url: 'https://merge.example/rss' });
    const items = await t.db.items.ingest(
      feed.id,
      ['a', 'b', 'c'].map((key) => sampleItem(key)),
    );
    const [a, b, c] = (await placeItems(
      t.db,
      items.map((item) => ({ itemId: item.id!, storyId: null })),
    )) as [number, number, number];
    await placeItems(t.db, [], [{ from: b, into: a }]);
    expect(await t.db.stories.get(b)).toBeNull();
    expect(await t.db.stories.redirect(b)).toBe(a);
    expect((await t.db.stories.get(a))!.story.itemCount).toBe(2);
    await placeItems(t.db, [], [{ from: a, into: c }]);
    expect(await t.db.stories.redirect(a)).toBe(c);
    expect(await t.db.stories.redirect(b)).toBe(c);
    expect(await t.db.stories.redirect(c)).toBeNull();
    expect((await t.db.stories.get(c))!.items.map((item) => item.key).sort()).toEqual(['a', 'b', 'c']);
  });

  it('an edited lead item updates its story summary', async () => {
    const feed = await t.db.feeds.add({ url: 'https://edit.example/rss' });
    const [item] = await t.db.items.ingest(feed.id, [sampleItem('e', { title: 'First headline' })]);
    const storyId = (await clusterQueued(t.db)).get(item!.id!)!;
    await t.db.items.ingest(feed.id, [sampleItem('e', { title: 'Corrected headline' })]);
    // The edit is queued: the clusterer writes the story's new summary.
    expect((await t.db.stories.get(storyId))!.story.title).toBe('First headline');
    expect((await clusterQueued(t.db, () => 'same')).get(item!.id!)).toBe(storyId);
    expect((await t.db.stories.get(storyId))!.story.title).toBe('Corrected headline');
  });

  it('lists the front page by score with filters, paginating stably', async () => {
    const world = await t.db.feeds.add({ url: 'https://w.example/rss', folder: 'World' });
    const tech = await t.db.feeds.add({ url: 'https://t.example/rss', folder: 'Tech' });
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const feed = i % 2 === 0 ? world : tech;
      const [item] = await t.db.items.ingest(feed.id, [
        sampleItem(`s${i}`, { publishedAt: hour(i), language: i % 3 === 0 ? 'fr' : 'en' }),
      ]);
      ids.push(...(await placeItems(t.db, [{ itemId: item!.id!, storyId: null }])));
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.db.stories.listTop({ limit: 5, cursor });
      seen.push(...page.items.map((story) => story.id));
      cursor = page.nextCursor;
      // A new top story between pages must not shift the pages still to come.
      const [fresh] = await t.db.items.ingest(world.id, [
        sampleItem(`fresh-${seen.length}`, { publishedAt: hour(100) }),
      ]);
      await placeItems(t.db, [{ itemId: fresh!.id!, storyId: null }]);
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const fr = await t.db.stories.listTop({ language: 'fr', limit: 100 });
    expect(fr.items.map((story) => story.id)).toEqual([ids[9], ids[6], ids[3], ids[0]]);
    const techOnly = await t.db.stories.listTop({ folder: 'Tech', limit: 100 });
    expect(techOnly.items).toHaveLength(6);
    const byFeed = await t.db.stories.listTop({ feedId: tech.id, limit: 100 });
    expect(byFeed.items.map((story) => story.leadFeed.id)).toEqual(Array(6).fill(tech.id));
    const recent = await t.db.stories.listTop({ since: hour(6), limit: 100 });
    const recentIds = recent.items.map((story) => story.id);
    expect(recentIds).toEqual(expect.arrayContaining(ids.slice(6)));
    for (const id of ids.slice(0, 6)) expect(recentIds).not.toContain(id);
    for (const story of recent.items) expect(story.publishedAt >= hour(6)).toBe(true);
  });
});
