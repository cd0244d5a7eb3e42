import { describe, expect, it } from 'vitest';
import { DbConstraintError, DbInputError, DbNotFoundError } from '../src/errors.js';
import { placeItems } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const past = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe.each(ENGINES)('feeds on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('adds, reads, updates and removes a feed', async () => {
    const feed = await t.db.feeds.add({
      url: 'https://a.example/rss',
      title: 'A',
      folder: 'World',
      nextPollAt: past(10),
    });
    expect(feed).toMatchObject({
      url: 'https://a.example/rss',
      title: 'A',
      folder: 'World',
      disabled: false,
    });
    expect(feed.nextPollAt).toBe(past(10));
    expect(await t.db.feeds.getByUrl('https://a.example/rss')).toEqual(feed);
    const updated = await t.db.feeds.update(feed.id, {
      etag: '"v2"',
      lastModified: 'Sat, 01 Mar 2026 10:00:00 GMT',
      errorCount: 2,
      lastError: 'HTTP 500',
      lastErrorAt: NOW.toISOString(),
      disabled: true,
      disabledReason: 'gone',
      identityRule: 'url',
    });
    expect(updated).toMatchObject({ etag: '"v2"', errorCount: 2, disabled: true, identityRule: 'url' });
    expect(updated.lastErrorAt).toBe(NOW.toISOString());
    expect(await t.db.feeds.folders()).toEqual(['World']);
    await t.db.feeds.remove(feed.id);
    expect(await t.db.feeds.get(feed.id)).toBeNull();
    await expect(t.db.feeds.update(feed.id, { title: 'x' })).rejects.toBeInstanceOf(DbNotFoundError);
    await expect(t.db.feeds.remove(feed.id)).rejects.toThrow(`feed ${feed.id}`);
  });

  it('refuses a duplicate URL and a bad time with typed errors naming the input', async () => {
    await t.db.feeds.add({ url: 'https://dup.example/feed' });
    const duplicate = t.db.feeds.add({ url: 'https://dup.example/feed' });
    await expect(duplicate).rejects.toBeInstanceOf(DbConstraintError);
    await expect(t.db.feeds.add({ url: 'https://dup.example/feed' })).rejects.toThrow(
      'https://dup.example/feed',
    );
    await expect(t.db.feeds.add({ url: 'not a url' })).rejects.toBeInstanceOf(DbInputError);
    const feed = await t.db.feeds.add({ url: 'https://ok.example/feed' });
    await expect(t.db.feeds.update(feed.id, { nextPollAt: 'tomorrow' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('lists feeds by cursor with item counts, disabled ones on request', async () => {
    for (let i = 0; i < 7; i += 1) await t.db.feeds.add({ url: `https://list.example/${i}` });
    const first = (await t.db.feeds.list({ limit: 100 })).items[0]!;
    await t.db.items.ingest(first.id, [sampleItem('a'), sampleItem('b')]);
    await t.db.feeds.update(first.id + 1, { disabled: true });
    const urls: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.db.feeds.list({ limit: 3, cursor });
      urls.push(...page.items.map((feed) => feed.url));
      cursor = page.nextCursor;
    } while (cursor);
    expect(urls).toHaveLength(6);
    const all = await t.db.feeds.list({ includeDisabled: true });
    expect(all.items).toHaveLength(7);
    expect(all.items[0]!.itemCount).toBe(2);
  });

  it('claims due feeds with a lease, never twice, and again once the lease expires', async () => {
    for (let i = 0; i < 5; i += 1)
      await t.db.feeds.add({ url: `https://c.example/${i}`, nextPollAt: past(60 - i) });
    await t.db.feeds.add({ url: 'https://c.example/future', nextPollAt: later(3600).toISOString() });
    const off = await t.db.feeds.add({ url: 'https://c.example/off', nextPollAt: past(1000) });
    await t.db.feeds.update(off.id, { disabled: true });
    expect(await t.db.feeds.countDue(NOW)).toBe(5);

    const a = await t.db.feeds.claimDue('worker-a', 3, { now: NOW, leaseSeconds: 60 });
    expect(a.map((feed) => feed.url)).toEqual([
      'https://c.example/0',
      'https://c.example/1',
      'https://c.example/2',
    ]);
    expect(a.every((feed) => feed.leaseOwner === 'worker-a')).toBe(true);
    expect(a[0]!.leaseExpiresAt).toBe(later(60).toISOString());
    const b = await t.db.feeds.claimDue('worker-b', 10, { now: NOW, leaseSeconds: 60 });
    expect(b.map((feed) => feed.url)).toEqual(['https://c.example/3', 'https://c.example/4']);
    expect(await t.db.feeds.claimDue('worker-c', 10, { now: NOW })).toEqual([]);
    expect(await t.db.feeds.countDue(NOW)).toBe(0);

    // worker-a finishes one feed; the others it "crashed" on come back after the lease.
    expect(
      await t.db.feeds.finishPoll(a[0]!.id, 'worker-a', { nextPollAt: later(900).toISOString(), etag: 'e1' }),
    ).toBe(true);
    expect(await t.db.feeds.finishPoll(a[1]!.id, 'worker-b', { etag: 'stolen' })).toBe(false);
    const afterExpiry = await t.db.feeds.claimDue('worker-c', 10, { now: later(61), leaseSeconds: 60 });
    expect(afterExpiry.map((feed) => feed.url)).toEqual([
      'https://c.example/1',
      'https://c.example/2',
      'https://c.example/3',
      'https://c.example/4',
    ]);
    // The old holder lost its lease: its late finish must not overwrite the new holder's state.
    expect(await t.db.feeds.finishPoll(a[1]!.id, 'worker-a', { etag: 'late' })).toBe(false);
    const finished = await t.db.feeds.get(a[0]!.id);
    expect(finished).toMatchObject({ etag: 'e1', leaseOwner: null, leaseExpiresAt: null });
    await t.db.feeds.releaseLease(a[1]!.id, 'worker-c');
    expect((await t.db.feeds.get(a[1]!.id))?.leaseOwner).toBeNull();
  });

  it('finishes many unchanged polls at once, only where the lease is still held', async () => {
    for (let i = 0; i < 4; i += 1)
      await t.db.feeds.add({ url: `https://u.example/${i}`, nextPollAt: past(10) });
    const claimed = await t.db.feeds.claimDue('worker-a', 10, { now: NOW, leaseSeconds: 60 });
    await t.db.feeds.update(claimed[0]!.id, { errorCount: 2, lastError: 'HTTP 500', lastErrorAt: past(5) });
    // The last feed's lease expired and worker-b holds it now.
    const stolen = await t.db.feeds.claimDue('worker-b', 10, { now: later(61) });
    expect(stolen.map((feed) => feed.id)).toEqual(claimed.map((feed) => feed.id));
    for (const feed of stolen.slice(0, 3)) await t.db.feeds.releaseLease(feed.id, 'worker-b');
    for (const _feed of stolen.slice(0, 3)) await t.db.feeds.claimDue('worker-a', 1, { now: later(62) });
    const polls = claimed.map((feed, index) => ({
      id: feed.id,
      nextPollAt: later(600 + index).toISOString(),
      pollIntervalSeconds: 600 + index,
      polledAt: later(62).toISOString(),
    }));
    const updated = await t.db.feeds.finishUnchanged('worker-a', polls);
    expect(updated.sort((a, b) => a - b)).toEqual(claimed.slice(0, 3).map((feed) => feed.id));
    for (const [index, feed] of claimed.slice(0, 3).entries()) {
      expect(await t.db.feeds.get(feed.id)).toMatchObject({
        nextPollAt: later(600 + index).toISOString(),
        pollIntervalSeconds: 600 + index,
        lastSuccessAt: later(62).toISOString(),
        errorCount: 0,
        lastError: null,
        lastErrorAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      });
    }
    // worker-b's feed is untouched: still leased to it, still on its old schedule.
    expect(await t.db.feeds.get(claimed[3]!.id)).toMatchObject({
      leaseOwner: 'worker-b',
      nextPollAt: past(10),
    });
    expect(await t.db.feeds.finishUnchanged('worker-a', [])).toEqual([]);
  });

  it('claims at most perHostLimit feeds of one host at a time', async () => {
    for (let i = 0; i < 6; i += 1)
      await t.db.feeds.add({ url: `https://busy.example/${i}`, nextPollAt: past(100 - i) });
    for (let i = 0; i < 2; i += 1)
      await t.db.feeds.add({ url: `https://quiet.example/${i}`, nextPollAt: past(50 - i) });
    const claimed = await t.db.feeds.claimDue('w', 10, { now: NOW, perHostLimit: 2 });
    const hosts = claimed.map((feed) => new URL(feed.url).host);
    expect(hosts.filter((host) => host === 'busy.example')).toHaveLength(2);
    expect(hosts.filter((host) => host === 'quiet.example')).toHaveLength(2);
    const next = await t.db.feeds.claimDue('w2', 10, { now: NOW, perHostLimit: 2 });
    expect(next.map((feed) => feed.url)).toEqual(['https://busy.example/2', 'https://busy.example/3']);
  });

  it('removing a feed removes its items, search rows and the stories left empty', async () => {
    const a = await t.db.feeds.add({ url: 'https://rm.example/a' });
    const b = await t.db.feeds.add({ url: 'https://rm.example/b' });
    const [ia] = await t.db.items.ingest(a.id, [sampleItem('x', { title: 'Volcano erupts in Iceland' })]);
    const [ib] = await t.db.items.ingest(b.id, [sampleItem('y', { title: 'Iceland volcano erupts again' })]);
    const [solo] = await t.db.items.ingest(a.id, [sampleItem('z', { title: 'Unrelated' })]);
    const [shared, , alone] = (await placeItems(t.db, [
      { itemId: ia!.id!, storyId: null },
      { itemId: ib!.id!, storyId: null },
      { itemId: solo!.id!, storyId: null },
    ])) as [number, number, number];
    await placeItems(t.db, [{ itemId: ib!.id!, storyId: shared }]);
    await t.db.feeds.remove(a.id);
    expect(await t.db.stories.get(alone)).toBeNull();
    const story = await t.db.stories.get(shared);
    expect(story?.story).toMatchObject({
      itemCount: 1,
      sourceCount: 1,
      leadItemId: ib!.id,
      leadFeed: { id: b.id },
    });
    const hits = await t.db.search.query({ query: 'volcano' });
    expect(hits.items.map((hit) => hit.itemId)).toEqual([ib!.id]);
  });
});
