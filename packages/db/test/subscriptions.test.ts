import { describe, expect, it } from 'vitest';
import { ENGINES, useTestDb } from './helpers/test-db.js';

describe.each(ENGINES)('subscriptions on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('adds a URL once and reports it as existing afterwards, folder and title kept', async () => {
    const first = await t.db.subscriptions.subscribe({
      url: 'https://a.example/feed',
      title: 'A',
      folder: 'Tech/Web',
    });
    expect(first.added).toBe(true);
    expect(first.feed).toMatchObject({ url: 'https://a.example/feed', title: 'A', folder: 'Tech/Web' });
    const again = await t.db.subscriptions.subscribe({ url: 'https://a.example/feed', title: 'Other' });
    expect(again).toEqual({ feed: first.feed, added: false });
  });

  it('subscribes one URL once when several callers race for it', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => t.db.subscriptions.subscribe({ url: 'https://race.example/feed' })),
    );
    expect(outcomes.filter((outcome) => outcome.added)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.feed.id)).size).toBe(1);
  });

  it('subscribes a list with progress, and lists every subscription, disabled ones too', async () => {
    await t.db.subscriptions.subscribe({ url: 'https://b.example/feed' });
    const progress: number[] = [];
    const result = await t.db.subscriptions.subscribeAll(
      [
        { url: 'https://a.example/feed' },
        { url: 'https://b.example/feed' },
        { url: 'https://c.example/feed' },
      ],
      (done) => progress.push(done),
    );
    expect(result).toEqual({ added: 2, existing: 1 });
    expect(progress).toEqual([1, 2, 3]);
    const c = await t.db.feeds.getByUrl('https://c.example/feed');
    await t.db.feeds.update(c!.id, { disabled: true, disabledReason: 'test' });
    expect((await t.db.subscriptions.all()).map((feed) => feed.url)).toEqual([
      'https://b.example/feed',
      'https://a.example/feed',
      'https://c.example/feed',
    ]);
  });
});
