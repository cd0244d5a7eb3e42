import { describe, expect, it } from 'vitest';
import { forgetCachedReads, ReadCache } from '../lib/read-cache';

function counter() {
  let calls = 0;
  return {
    load: (value: string) => async () => {
      calls += 1;
      return `${value}#${calls}`;
    },
    get calls() {
      return calls;
    },
  };
}

describe('ReadCache', () => {
  it('answers a key from one query until the TTL runs out', async () => {
    const cache = new ReadCache<string>(() => 1000);
    const loads = counter();
    expect(await cache.get('top', loads.load('a'), 0)).toBe('a#1');
    expect(await cache.get('top', loads.load('a'), 999)).toBe('a#1');
    expect(await cache.get('other', loads.load('b'), 999)).toBe('b#2');
    expect(await cache.get('top', loads.load('a'), 1000)).toBe('a#3');
  });

  it('shares one query between concurrent misses', async () => {
    const cache = new ReadCache<string>(() => 1000);
    const loads = counter();
    const answers = await Promise.all([1, 2, 3].map(() => cache.get('q', loads.load('x'), 0)));
    expect(answers).toEqual(['x#1', 'x#1', 'x#1']);
    expect(loads.calls).toBe(1);
  });

  it('does not remember a failure', async () => {
    const cache = new ReadCache<string>(() => 1000);
    await expect(cache.get('q', () => Promise.reject(new Error('locked')), 0)).rejects.toThrow('locked');
    expect(cache.size).toBe(0);
    expect(await cache.get('q', async () => 'ok', 1)).toBe('ok');
  });

  it('queries every time when the TTL is 0', async () => {
    const cache = new ReadCache<string>(() => 0);
    const loads = counter();
    await cache.get('q', loads.load('x'), 0);
    await cache.get('q', loads.load('x'), 0);
    expect(loads.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('drops the oldest keys beyond its size limit', async () => {
    const cache = new ReadCache<string>(() => 1000, 2);
    const loads = counter();
    for (const key of ['a', 'b', 'c']) await cache.get(key, loads.load(key), 0);
    expect(cache.size).toBe(2);
    expect(await cache.get('a', loads.load('a'), 1)).toBe('a#4');
    expect(await cache.get('c', loads.load('c'), 1)).toBe('c#3');
  });

  it('reload queries now and keeps that answer for the others (a render for the page cache)', async () => {
    const cache = new ReadCache<string>(() => 1000);
    const loads = counter();
    await cache.get('top', loads.load('a'), 0);
    expect(await cache.reload('top', loads.load('a'), 900)).toBe('a#2');
    expect(await cache.get('top', loads.load('a'), 1800)).toBe('a#2');
    expect(await cache.get('top', loads.load('a'), 1900)).toBe('a#3');
  });

  it('is emptied by forgetCachedReads (after an admin change)', async () => {
    const cache = new ReadCache<string>(() => 1000);
    await cache.get('q', async () => 'old', 0);
    forgetCachedReads();
    expect(await cache.get('q', async () => 'new', 1)).toBe('new');
  });
});
