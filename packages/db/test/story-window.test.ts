import { describe, expect, it } from 'vitest';
import { placeItems } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// The front page's time filter ("last hour") and the time each row shows must be the same time.

const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString();

describe.each(ENGINES)('the stories time window on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('lists a story in "last hour" only when the time it shows is within the hour', async () => {
    const wire = await t.db.feeds.add({ url: 'https://wire.example/rss' });
    const late = await t.db.feeds.add({ url: 'https://late.example/rss' });
    // An old story whose lead was published 10 hours ago gains a member ingested just now.
    const [old] = await t.db.items.ingest(wire.id, [
      sampleItem('old', { title: 'Harbour strike ends after ten days', publishedAt: hoursAgo(10) }),
    ]);
    const oldStory = (await placeItems(t.db, [{ itemId: old!.id!, storyId: null }]))[0]!;
    const [member] = await t.db.items.ingest(late.id, [
      sampleItem('late', { title: 'Harbour strike ends after ten days of talks', publishedAt: hoursAgo(9) }),
    ]);
    await placeItems(t.db, [{ itemId: member!.id!, storyId: oldStory }]);
    const [fresh] = await t.db.items.ingest(wire.id, [
      sampleItem('fresh', { title: 'Night buses return to the city', publishedAt: hoursAgo(0.25) }),
    ]);
    const freshStory = (await placeItems(t.db, [{ itemId: fresh!.id!, storyId: null }]))[0]!;

    const since = hoursAgo(1);
    const lastHour = await t.db.stories.listTop({ since, limit: 50 });
    expect(lastHour.items.map((story) => story.id)).toEqual([freshStory]);
    for (const story of lastHour.items) expect(story.publishedAt >= since).toBe(true);
    const lastDay = await t.db.stories.listTop({ since: hoursAgo(24), limit: 50 });
    expect(lastDay.items.map((story) => story.id).sort()).toEqual([oldStory, freshStory].sort());
  });
});
