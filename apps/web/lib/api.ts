// Shared shape of the JSON API under /api/v1: `{ data, nextCursor, next }` for lists, `{ error:
// { code, message } }` for failures, never a stack trace.

export const MAX_API_LIMIT = 100;

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  return new Response(`${JSON.stringify(data)}\n`, { ...init, headers });
}

export function apiError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, { status });
}

/** `?limit=` within 1..MAX_API_LIMIT, else the default. */
export function apiLimit(url: URL, fallback: number): number {
  const raw = Number(url.searchParams.get('limit'));
  return Number.isInteger(raw) && raw >= 1 ? Math.min(raw, MAX_API_LIMIT) : Math.min(fallback, MAX_API_LIMIT);
}

/** A list page with the URL of the next one, so clients can follow `next` until it is null. */
export function pageBody<T>(url: URL, items: T[], nextCursor: string | null) {
  let next: string | null = null;
  if (nextCursor) {
    const nextUrl = new URL(url);
    nextUrl.searchParams.set('cursor', nextCursor);
    next = `${nextUrl.pathname}${nextUrl.search}`;
  }
  return { data: items, nextCursor, next };
}
