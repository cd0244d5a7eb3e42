import { describe, expect, it } from 'vitest';
import { adminChanges } from '../lib/cache/admin-changes';
import { forgetCachedData } from '../lib/cache/forget';
import { sharedPageCache } from '../lib/page-cache';
import { PageCache, RENEW_AFTER, type Render } from '../lib/page-cache/cache';

const TTL = 1000;

function page(text: string, status = 200): Render['page'] {
  return {
    status,
    headers: [],
    body: new TextEncoder().encode(text),
    nonce: null,
    nonceOffsets: [],
    gzip: null,
  };
}

/** A cache on a clock the test moves, and a renderer that counts its renders. */
function setup(options: { ttl?: number; maxBytes?: number } = {}) {
  let now = 0;
  let renders = 0;
  const cache = new PageCache({
    ttlMs: () => options.ttl ?? TTL,
    maxBytes: () => options.maxBytes ?? 1_000_000,
    now: () => now,
  });
  const render =
    (text: string, shareable = true) =>
    async (): Promise<Render> => {
      renders += 1;
      return { page: page(`${text}#${renders}`), shareable };
    };
  const text = async (key: string, renderer: () => Promise<Render>) => {
    const { page, outcome } = await cache.get(key, renderer);
    return `${new TextDecoder().decode(page.body)} ${outcome}`;
  };
  return {
    cache,
    render,
    text,
    at: (ms: number) => {
      now = ms;
    },
    get renders() {
      return renders;
    },
  };
}

describe('PageCache', () => {
  it('serves a copy per key until its TTL runs out', async () => {
    const t = setup();
    expect(await t.text('/', t.render('front'))).toBe('front#1 miss');
    t.at(400);
    expect(await t.text('/', t.render('front'))).toBe('front#1 hit');
    expect(await t.text('/search?q=a', t.render('search'))).toBe('search#2 miss');
    t.at(TTL);
    expect(await t.text('/', t.render('front'))).toBe('front#3 miss');
  });

  it('hands out a ready copy without rendering only while no renewal is due or one is under way', async () => {
    const t = setup();
    const ready = () => {
      const copy = t.cache.readyCopy('/');
      return copy && new TextDecoder().decode(copy.body);
    };
    expect(ready()).toBeNull();
    await t.text('/', t.render('front'));
    expect(ready()).toBe('front#1');
    t.at(TTL * RENEW_AFTER);
    // Due for renewal: only get(), which can render, may hand it out now.
    expect(ready()).toBeNull();
    let finish = () => {};
    const slowRender = () =>
      new Promise<Render>((resolve) => {
        finish = () => resolve({ page: page('front#2'), shareable: true });
      });
    expect(await t.text('/', slowRender)).toBe('front#1 hit');
    expect(ready()).toBe('front#1');
    finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ready()).toBe('front#2');
    t.at(TTL * RENEW_AFTER + TTL);
    expect(ready()).toBeNull();
    expect(t.renders).toBe(1);
  });

  it('renders once for concurrent misses of one key', async () => {
    const t = setup();
    const answers = await Promise.all([1, 2, 3].map(() => t.text('/', t.render('front'))));
    expect(answers).toEqual(['front#1 miss', 'front#1 miss', 'front#1 miss']);
    expect(t.renders).toBe(1);
  });

  it('renews a busy page in the background late in its TTL, never serving one older than the TTL', async () => {
    const t = setup();
    await t.text('/', t.render('front'));
    t.at(TTL * RENEW_AFTER - 1);
    expect(await t.text('/', t.render('front'))).toBe('front#1 hit');
    expect(t.renders).toBe(1);
    t.at(TTL * RENEW_AFTER);
    // The reader gets the copy in hand at once; one render starts behind it.
    expect(await t.text('/', t.render('front'))).toBe('front#1 hit');
    expect(await t.text('/', t.render('front'))).toBe('front#2 hit');
    expect(t.renders).toBe(2);
    // The renewed copy counts from its own render (at TTL * RENEW_AFTER).
    t.at(TTL + 1);
    expect(await t.text('/', t.render('front'))).toBe('front#2 hit');
  });

  it('counts the TTL from when the render finished', async () => {
    const t = setup();
    let finish: (render: Render) => void = () => {};
    const slow = t.cache.get('/', () => new Promise<Render>((resolve) => (finish = resolve)));
    t.at(TTL / 2);
    finish({ page: page('slow'), shareable: true });
    await slow;
    t.at(TTL / 2 + TTL * RENEW_AFTER - 1);
    expect(await t.text('/', t.render('front'))).toBe('slow hit');
    t.at(TTL / 2 + TTL);
    expect(await t.text('/', t.render('front'))).toBe('front#1 miss');
  });

  it('does not keep a page that is not to be shared, and drops the old copy of that URL', async () => {
    const t = setup();
    await t.text('/story/1', t.render('story'));
    t.at(TTL);
    expect(await t.text('/story/1', t.render('gone', false))).toBe('gone#2 miss');
    expect(t.cache.size).toBe(0);
    expect(await t.text('/story/1', t.render('gone', false))).toBe('gone#3 miss');
  });

  it('does not remember a failed render', async () => {
    const t = setup();
    await expect(t.cache.get('/', () => Promise.reject(new Error('render failed')))).rejects.toThrow(
      'render failed',
    );
    expect(await t.text('/', t.render('front'))).toBe('front#1 miss');
  });

  it('keeps its bodies within the byte budget, least recently used dropped first', async () => {
    // Bodies of 7-8 bytes ('a....#1' … 'j....#10'): ten pages are 71 bytes, one over the budget.
    const t = setup({ maxBytes: 64 });
    const body = (name: string) => t.render(name.padEnd(5, '.'));
    await t.text('a', body('a'));
    await t.text('b', body('b'));
    await t.text('a', body('a')); // a is now more recently used than b
    for (const key of ['c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) await t.text(key, body(key));
    expect(t.cache.size).toBe(9);
    expect(t.cache.bytes).toBe(64);
    expect(await t.text('a', body('a'))).toBe('a....#1 hit');
    expect(await t.text('b', body('b'))).toBe('b....#11 miss');
  });

  it('never keeps a page bigger than an eighth of the budget', async () => {
    const t = setup({ maxBytes: 80 });
    await t.text('big', t.render('x'.repeat(20)));
    expect(t.cache.size).toBe(0);
  });

  it('is emptied by clear(), and a render begun before it is not kept', async () => {
    const t = setup();
    await t.text('/', t.render('front'));
    t.cache.clear();
    expect(t.cache.size).toBe(0);
    let finish: (render: Render) => void = () => {};
    const slow = t.cache.get('/', () => new Promise<Render>((resolve) => (finish = resolve)));
    t.cache.clear();
    finish({ page: page('before the change'), shareable: true });
    expect((await slow).outcome).toBe('miss');
    expect(t.cache.size).toBe(0);
  });

  it('is emptied by an admin change (the process’s shared cache)', async () => {
    const pages = sharedPageCache();
    await pages.get('/', async () => ({ page: page('front'), shareable: true }));
    expect(pages.size).toBe(1);
    forgetCachedData();
    expect(pages.size).toBe(0);
  });

  it('moves every cached read to a new key at an admin change, before Next.js expires their tags', () => {
    const before = adminChanges();
    forgetCachedData();
    expect(adminChanges()).toBe(before + 1);
  });

  it('renders every request when the TTL is 0', async () => {
    const t = setup({ ttl: 0 });
    expect(await t.text('/', t.render('front'))).toBe('front#1 bypass');
    expect(await t.text('/', t.render('front'))).toBe('front#2 bypass');
    expect(t.cache.size).toBe(0);
  });
});
