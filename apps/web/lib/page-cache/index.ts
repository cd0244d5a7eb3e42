import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NextResponse } from 'next/server';
import { safeEqual } from '../admin-session';
import { webConfig } from '../env';
import { createNonce } from '../security-headers';
import { SecondRequestAdmission } from './admission';
import { answerKeptPage, type KeptPages } from './answer';
import { PageCache } from './cache';
import { type PageRequest, sharedPageKey } from './policy';
import { RENDER_MARKER_HEADER, renderPage, withNonce } from './render';

// The rendered-page cache's one entry point: proxy.ts asks it for anonymous public pages and feeds,
// admin changes empty it, and server.mjs reaches its answerKeptPage through globalThis (below) to
// serve a kept page before Next.js's router. Next.js's own cache keeps the pages' data reads
// (lib/cache/); this one spares the render itself, which the web goals cannot afford per request
// (bench/RESULTS.md).

const MIB = 1024 * 1024;

interface SharedPageCache extends KeptPages {
  /** Proves a request is this process rendering a miss; never sent anywhere but its own address. */
  renderMarker: string;
  /** For server.mjs, which is not bundled: answers a request from a kept page (answer.ts). */
  answerKeptPage: (req: IncomingMessage, res: ServerResponse) => boolean;
}

// Proxy and route handlers are bundled apart, so this module can exist more than once in a process:
// the one cache lives on globalThis, where an admin route's forgetRenderedPages and server.mjs
// reach it.
const KEY = Symbol.for('newsfeed.web.page-cache');
type Holder = { [KEY]?: SharedPageCache };

function shared(): SharedPageCache {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const kept: KeptPages = {
      pages: new PageCache({
        ttlMs: () => webConfig().WEB_PAGE_CACHE_TTL_MS,
        maxBytes: () => webConfig().WEB_PAGE_CACHE_MB * MIB,
      }),
      // A URL's first request renders for itself (admission.ts): most one-off searches never repeat.
      admission: new SecondRequestAdmission(),
    };
    holder[KEY] = {
      ...kept,
      renderMarker: randomBytes(24).toString('base64url'),
      answerKeptPage: (req, res) => answerKeptPage(req, res, kept),
    };
  }
  return holder[KEY];
}

/** The process's page cache (tests look at its size). */
export function sharedPageCache(): PageCache {
  return shared().pages;
}

/** After an admin change: every kept page goes, and a render begun before it is not kept. */
export function forgetRenderedPages(): void {
  shared().pages.clear();
}

function isOwnRender(request: PageRequest): boolean {
  const marker = request.headers.get(RENDER_MARKER_HEADER);
  return marker !== null && safeEqual(marker, shared().renderMarker);
}

/**
 * A body as a stream of itself: a Response copies a byte array it is given (undici), and this one
 * is already the response's own copy.
 */
function oneChunk(body: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(body);
      controller.close();
    },
  });
}

/**
 * An anonymous GET of a public page answered from the cache (a kept copy, or a render shared with
 * concurrent requests) with a fresh nonce of its own; null when the request renders for itself.
 */
export async function cachedPage(request: PageRequest): Promise<NextResponse | null> {
  // `next dev` renders every request: a copy would hide the edit just made.
  if (webConfig().WEB_PAGE_CACHE_TTL_MS <= 0 || process.env.NODE_ENV === 'development') return null;
  if (isOwnRender(request)) return null;
  const key = sharedPageKey(request);
  const { pages, admission, renderMarker } = shared();
  if (key === null || !admission.admit(key)) return null;
  try {
    const { page, outcome } = await pages.get(key, () => renderPage(request, renderMarker));
    const copy = withNonce(page, createNonce());
    const headers = new Headers(copy.headers);
    headers.set('X-Page-Cache', outcome);
    return new NextResponse(oneChunk(copy.body), { status: page.status, headers });
  } catch {
    // The loopback render failed or timed out: this request renders for itself.
    return null;
  }
}

/** Request headers a page never sees: the marker of this process's own renders. */
export function withoutRenderMarker(headers: Headers): Headers {
  headers.delete(RENDER_MARKER_HEADER);
  return headers;
}
