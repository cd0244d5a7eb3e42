import { describe, expect, it } from 'vitest';
import { DbNotFoundError } from '../src/errors.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

const hour = (n: number) => new Date(Date.parse('2026-02-01T00:00:00Z') + n * 3_600_000).toISOString();

describe.each(ENGINES)('stories on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('attach creates, grows and moves stories, recomputing lead, counts and score', async () => {
    const afp = await t.db.feeds.add({ url: 'https://afp.example/rss', title: 'AFP' });
    const outlet = await t.db.feeds.add({ url: 'https://outlet.example/rss', title: 'Outlet' });
    const [wire] = await t.db.items.upsertMany(afp.id, [
      sampleItem('w', { title: 'US, Russia to hold talks in Geneva', publishedAt: hour(1), wire: 'AFP' }),
    ]);
    const [copy, other] = await t.db.items.upsertMany(outlet.id, [
      sampleItem('c', {
        title: 'US and Russia to hold Geneva talks',
        publishedAt: hour(2),
        imageUrl: 'https://i/1.jpg',
      }),
      sampleItem('o', { title: 'Markets close higher', publishedAt: hour(3) }),
    ]);
    const storyId = await t.db.stories.attach(copy!.id!, null);
    expect((await t.db.stories.get(storyId))?.story).toMatchObject({
      leadItemId: copy!.id,
      itemCount: 1,
      sourceCount: 1,
    });
    const single = (await t.db.stories.get(storyId))!.story.score;

    expect(await t.db.stories.attach(wire!.id!, storyId)).toBe(storyId);
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
    const otherStory = await t.db.stories.attach(other!.id!, null);
    await t.db.stories.attach(copy!.id!, otherStory);
    expect((await t.db.stories.get(storyId))!.story).toMatchObject({ itemCount: 1, sourceCount: 1 });
    expect((await t.db.stories.get(otherStory))!.story).toMatchObject({ itemCount: 2, sourceCount: 1 });
    await expect(t.db.stories.attach(copy!.id!, 987_654)).rejects.toBeInstanceOf(DbNotFoundError);
    await expect(t.db.stories.attach(987_654, null)).rejects.toThrow('item 987654');
  });

  it('an edited lead item updates its story summary', async () => {
    const feed = await t.db.feeds.add({ url: 'https://edit.example/rss' });
    const [item] = await t.db.items.upsertMany(feed.id, [sampleItem('e', { title: 'First headline' })]);
    const storyId = await t.db.stories.attach(item!.id!, null);
    await t.db.items.upsertMany(feed.id, [sampleItem('e', { title: 'Corrected headline' })]);
    expect((await t.db.stories.get(storyId))!.story.title).toBe('Corrected headline');
  });

  it('finds candidates by simhash band and by title words, within the time window', async () => {
    const feed = await t.db.feeds.add({ url: 'https://cand.example/rss' });
    const results = await t.db.items.upsertMany(feed.id, [
      sampleItem('near', { title: 'Quake hits coast', simhash: 'aaaa1111bbbb2222' }),
      sampleItem('words', { title: 'Geneva summit on Ukraine opens', simhash: '0000000000000000' }),
      sampleItem('unattached', { title: 'Geneva Ukraine', simhash: 'aaaa000000000000' }),
      sampleItem('far', { title: 'Nothing alike', simhash: 'ffffffffffffffff' }),
    ]);
    for (const result of results.slice(0, 2)) await t.db.stories.attach(result.id!, null);
    await t.db.stories.attach(results[3]!.id!, null);
    const since = new Date(Date.now() - 3_600_000).toISOString();

    const byBand = await t.db.stories.candidates({ simhash: 'aaaa9999cccc3333', titleTerms: [], since });
    expect(byBand.map((c) => c.itemId)).toEqual([results[0]!.id]);
    expect(byBand[0]).toMatchObject({
      title: 'Quake hits coast',
      simhash: 'aaaa1111bbbb2222',
      feedId: feed.id,
    });

    const byTitle = await t.db.stories.candidates({
      simhash: null,
      titleTerms: ['GENEVA', 'talks', 'Ukraine'],
      since,
    });
    expect(byTitle.map((c) => c.itemId)).toEqual([results[1]!.id]);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      await t.db.stories.candidates({ simhash: 'aaaa1111bbbb2222', titleTerms: ['geneva'], since: future }),
    ).toEqual([]);
  });

  it('lists the front page by score with filters, paginating stably', async () => {
    const world = await t.db.feeds.add({ url: 'https://w.example/rss', folder: 'World' });
    const tech = await t.db.feeds.add({ url: 'https://t.example/rss', folder: 'Tech' });
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const feed = i % 2 === 0 ? world : tech;
      const [item] = await t.db.items.upsertMany(feed.id, [
        sampleItem(`s${i}`, { publishedAt: hour(i), language: i % 3 === 0 ? 'fr' : 'en' }),
      ]);
      ids.push(await t.db.stories.attach(item!.id!, null));
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.db.stories.listTop({ limit: 5, cursor });
      seen.push(...page.items.map((story) => story.id));
      cursor = page.nextCursor;
      // A new top story between pages must not shift the pages still to come.
      const [fresh] = await t.db.items.upsertMany(world.id, [
        sampleItem(`fresh-${seen.length}`, { publishedAt: hour(100) }),
      ]);
      await t.db.stories.attach(fresh!.id!, null);
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
