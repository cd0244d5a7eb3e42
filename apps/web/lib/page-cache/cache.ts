import type { GzipPieces } from './gzip-copy';

// Rendering a page costs Next.js far more than reading its data (React server rendering, the RSC
// payload, ~100 KB of HTML), and every anonymous reader of one URL gets the same page. This cache
// keeps each rendered page for a few seconds, per URL (see policy.ts for which requests
// may use it), in this process:
// - concurrent misses for one URL share one render;
// - a copy is served for at most its TTL after its render finished; once RENEW_AFTER of that has
//   passed, the next request starts one background render, so a busy page is renewed without
//   readers waiting;
// - the bodies it holds are bounded in bytes (least recently used dropped first);
// - an admin change empties it (clear()), and a render started before that is not kept.

/** A rendered response as the server sent it, and where its CSP nonce sits in the body. */
export interface RenderedPage {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  nonce: string | null;
  nonceOffsets: number[];
  /** The body compressed once for gzip readers, cut at the nonces (gzip-copy.ts); null if not kept. */
  gzip: GzipPieces | null;
}

/** What a kept page weighs in the cache's byte budget: its body and its compressed pieces. */
function keptBytes(page: RenderedPage): number {
  let bytes = page.body.byteLength;
  for (const piece of page.gzip ?? []) bytes += piece.byteLength;
  return bytes;
}

/** What a render produced and whether it may be shown to other readers (a 200 without cookies). */
export interface Render {
  page: RenderedPage;
  shareable: boolean;
}

export interface PageCacheOptions {
  /** How long a copy is served after its render, in ms; 0 turns the cache off. */
  ttlMs: () => number;
  /** Bodies kept, in bytes; a page bigger than an eighth of this is never kept. */
  maxBytes: () => number;
  now?: () => number;
}

/**
 * Share of the TTL after which a requested copy is renewed in the background. Late enough that a
 * busy page is rendered about once per TTL, early enough that the render (tens of ms on an idle
 * machine) finishes before the copy expires.
 */
export const RENEW_AFTER = 0.75;

export type PageCacheOutcome = 'hit' | 'miss' | 'bypass';

interface Entry {
  page: RenderedPage;
  renderedAt: number;
  refreshing: boolean;
}

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<Render>>();
  #bytes = 0;
  // Bumped by clear(): a render that started before an admin change must not be kept after it.
  #generation = 0;

  constructor(private readonly options: PageCacheOptions) {}

  /** The page for key: a kept copy, else render()'s, shared with concurrent callers for the same key. */
  async get(
    key: string,
    render: () => Promise<Render>,
  ): Promise<{ page: RenderedPage; outcome: PageCacheOutcome }> {
    const ttl = this.options.ttlMs();
    if (ttl <= 0) return { page: (await render()).page, outcome: 'bypass' };
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry && now - entry.renderedAt < ttl) {
      this.#touch(key, entry);
      if (!entry.refreshing && now - entry.renderedAt >= ttl * RENEW_AFTER) {
        entry.refreshing = true;
        this.#load(key, render).catch(() => {
          // The copy in hand stays until it expires; the next miss renders again.
          entry.refreshing = false;
        });
      }
      return { page: entry.page, outcome: 'hit' };
    }
    return { page: (await this.#load(key, render)).page, outcome: 'miss' };
  }

  /**
   * The kept copy of key when serving it needs no render now (fresh, and its renewal not yet due or
   * already under way), else null: for a caller that cannot render, which then asks get().
   */
  readyCopy(key: string): RenderedPage | null {
    const ttl = this.options.ttlMs();
    const entry = this.#entries.get(key);
    if (ttl <= 0 || !entry) return null;
    const age = this.#now() - entry.renderedAt;
    if (age >= ttl || (age >= ttl * RENEW_AFTER && !entry.refreshing)) return null;
    this.#touch(key, entry);
    return entry.page;
  }

  #touch(key: string, entry: Entry): void {
    // Most recently used last: eviction walks the map from its start.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
  }

  #load(key: string, render: () => Promise<Render>): Promise<Render> {
    const inFlight = this.#pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.#generation;
    const settle = () => {
      if (this.#pending.get(key) === loading) this.#pending.delete(key);
    };
    const loading: Promise<Render> = render().then(
      (result) => {
        settle();
        if (generation !== this.#generation) return result;
        // The TTL counts from when the page was complete, as an HTTP cache counts a response's age
        // from its arrival: on a busy machine a render can take a good part of the TTL.
        if (result.shareable) this.#keep(key, result.page, this.#now());
        // No longer a page to share (e.g. the story is gone): the old copy goes too.
        else this.#drop(key);
        return result;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    this.#pending.set(key, loading);
    return loading;
  }

  #keep(key: string, page: RenderedPage, renderedAt: number): void {
    this.#drop(key);
    const maxBytes = this.options.maxBytes();
    const bytes = keptBytes(page);
    if (bytes > maxBytes / 8) return;
    this.#entries.set(key, { page, renderedAt, refreshing: false });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= keptBytes(entry.page);
    }
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= keptBytes(entry.page);
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  clear(): void {
    this.#entries.clear();
    this.#pending.clear();
    this.#bytes = 0;
    this.#generation += 1;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }
}
