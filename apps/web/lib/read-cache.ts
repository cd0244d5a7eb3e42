import { webConfig } from './env';

// Every page view of the front page, a search or a story page would otherwise run the same query
// again, though stories change at most once per worker poll. A read cache keeps each answer for
// WEB_CACHE_TTL_MS (a few seconds of staleness), per key (the filters, cursor, query or id), in this
// process. Concurrent misses for one key share one query instead of stampeding the database.

/** Keys kept per cache; the oldest are dropped first, so a crawler walking cursors cannot grow it. */
export const READ_CACHE_MAX_ENTRIES = 500;

// Pages and route handlers are bundled separately, so this module can exist more than once in a
// process; the registry lives on globalThis so that an admin route clears the pages' caches too.
const REGISTRY = Symbol.for('newsfeed.web.read-caches');
type Holder = { [REGISTRY]?: Set<{ clear(): void }> };

function registry(): Set<{ clear(): void }> {
  const holder = globalThis as Holder;
  holder[REGISTRY] ??= new Set();
  return holder[REGISTRY];
}

/** Makes forgetCachedReads empty `cache` too (the rendered-page cache registers here). */
export function registerCache(cache: { clear(): void }): void {
  registry().add(cache);
}

interface Entry<V> {
  expires: number;
  value: Promise<V>;
}

export class ReadCache<V> {
  readonly #entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: () => number = () => webConfig().WEB_CACHE_TTL_MS,
    private readonly maxEntries: number = READ_CACHE_MAX_ENTRIES,
  ) {
    registerCache(this);
  }

  /** The cached answer for key, or load()'s (remembered unless it fails or the TTL is 0). */
  get(key: string, load: () => Promise<V>, now: number = Date.now()): Promise<V> {
    const ttl = this.ttlMs();
    if (ttl <= 0) return load();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = load();
    this.#entries.delete(key);
    this.#entries.set(key, { expires: now + ttl, value });
    // A failed query is not remembered: the next request tries again.
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries) break;
      this.#entries.delete(oldest);
    }
    return value;
  }

  /**
   * Runs load() now and keeps its answer as get() would (a render for the page cache: the copy it
   * makes lives another WEB_PAGE_CACHE_TTL_MS, so it must not start from an answer already old).
   */
  reload(key: string, load: () => Promise<V>, now: number = Date.now()): Promise<V> {
    this.#entries.delete(key);
    return this.get(key, load, now);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** After an admin change (a feed added, removed, disabled), so the next page view sees it. */
export function forgetCachedReads(): void {
  for (const cache of registry()) cache.clear();
}
