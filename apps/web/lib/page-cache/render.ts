import { request as httpRequest } from 'node:http';
import type { Render, RenderedPage } from './cache';
import { gzipPieces } from './gzip-copy';
import { type PageRequest, RENDER_HEADERS } from './policy';

// How the rendered-page cache gets a page, and how it serves a kept copy.
//
// A miss is rendered by this same server: the cache fetches the URL over loopback with a marker
// header only this process knows, so that request skips the cache and renders as usual, with the
// request headers the page depends on and no cookie. Every response served from a copy gets a
// FRESH nonce: the render's nonce is replaced in the body and the CSP header. The render's own
// nonce never leaves the process, so no script in a copy can have been written to match it.

/** Marks the loopback render of a miss; its value is a per-process secret (see proxy.ts). */
export const RENDER_MARKER_HEADER = 'x-newsfeed-page-render';

/** A render slower than this is abandoned; the request then renders for itself. */
export const PAGE_RENDER_TIMEOUT_MS = 30_000;

/** Headers a copy does not repeat: per connection, per body encoding, or per reader. */
const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
  'etag',
  'set-cookie',
]);

function offsetsOf(body: Uint8Array, text: string | null): number[] {
  if (!text) return [];
  const needle = Buffer.from(text);
  const haystack = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const offsets: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    offsets.push(at);
  }
  return offsets;
}

interface LoopbackResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

// node:http rather than fetch: fetch replaces the Host header, and the page's links depend on it.
function get(url: string, headers: Record<string, string>): Promise<LoopbackResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { headers, timeout: PAGE_RENDER_TIMEOUT_MS }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const raw = incoming.rawHeaders;
        const pairs: [string, string][] = [];
        for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
        const body = new Uint8Array(Buffer.concat(chunks));
        resolve({ status: incoming.statusCode ?? 500, headers: pairs, body });
      });
    });
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`page render took over ${PAGE_RENDER_TIMEOUT_MS} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Renders the request's page by fetching it from this server with the marker header. */
export async function renderPage(request: PageRequest, marker: string): Promise<Render> {
  const url = new URL(request.url);
  // request.url names the address Next.js listens on; behind a TLS proxy its scheme says https, but
  // the server itself speaks plain HTTP.
  const target = `http://${url.host}${url.pathname}${url.search}`;
  const headers: Record<string, string> = { accept: 'text/html', [RENDER_MARKER_HEADER]: marker };
  for (const name of RENDER_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const response = await get(target, headers);
  const header = (name: string) => response.headers.find(([key]) => key === name)?.[1] ?? null;
  const nonce = /'nonce-([^']+)'/.exec(header('content-security-policy') ?? '')?.[1] ?? null;
  const nonceOffsets = offsetsOf(response.body, nonce);
  // Only a complete page with its own nonce that sets nothing for one reader is shared.
  const shareable = response.status === 200 && nonce !== null && header('set-cookie') === null;
  const page: RenderedPage = {
    status: response.status,
    headers: response.headers.filter(([name]) => !DROPPED_HEADERS.has(name)),
    body: response.body,
    nonce,
    nonceOffsets,
    gzip: shareable ? gzipPieces(response.body, nonceOffsets, nonce.length) : null,
  };
  return { page, shareable };
}

/** The kept page's headers with `nonce` in place of the render's. */
export function headersWithNonce(page: RenderedPage, nonce: string): [string, string][] {
  const old = page.nonce;
  return page.headers.map(([name, value]): [string, string] => [
    name,
    old ? value.replaceAll(old, nonce) : value,
  ]);
}

/** The kept page with `nonce` in place of the render's, in the body and the headers. */
export function withNonce(
  page: RenderedPage,
  nonce: string,
): { body: Uint8Array<ArrayBuffer>; headers: [string, string][] } {
  const { nonce: old, nonceOffsets } = page;
  const headers = headersWithNonce(page, nonce);
  if (!old || nonceOffsets.length === 0) return { body: page.body, headers };
  const replacement = Buffer.from(nonce);
  // Every byte is written below, so the copy need not be zeroed first.
  const body: Uint8Array<ArrayBuffer> = Buffer.allocUnsafeSlow(
    page.body.byteLength + nonceOffsets.length * (replacement.byteLength - old.length),
  );
  let from = 0;
  let to = 0;
  for (const at of nonceOffsets) {
    body.set(page.body.subarray(from, at), to);
    to += at - from;
    body.set(replacement, to);
    to += replacement.byteLength;
    from = at + old.length;
  }
  body.set(page.body.subarray(from), to);
  return { body, headers };
}
