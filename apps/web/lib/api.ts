import { withHttpUrlsOnly } from './api-urls';
import { isClientError } from './client-errors';

// Shared shape of the JSON API under /api/v1: `{ data, nextCursor, next }` for lists, `{ error:
// { code, message } }` for failures, never a stack trace; URL fields only ever http(s) (api-urls.ts).

export const MAX_API_LIMIT = 100;

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  return new Response(`${JSON.stringify(withHttpUrlsOnly(data))}\n`, { ...init, headers });
}

export function apiError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, { status });
}

/** A query parameter the API does not accept: answered 400 `invalid_parameter` by withApiErrors. */
export class InvalidParameterError extends Error {
  readonly code = 'INVALID_PARAMETER';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidParameterError';
  }
}

/** Throws InvalidParameterError for a problem sentence (see lib/story-filters.ts), else does nothing. */
export function rejectProblem(problem: string | null): void {
  if (problem !== null) throw new InvalidParameterError(problem);
}

/** `?limit=` (an integer within 1..MAX_API_LIMIT), or the default when absent; anything else is refused. */
export function apiLimit(url: URL, fallback: number): number {
  const raw = url.searchParams.get('limit');
  if (raw === null) return Math.min(fallback, MAX_API_LIMIT);
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_API_LIMIT))
    throw new InvalidParameterError(
      `limit must be an integer from 1 to ${MAX_API_LIMIT}, got ${JSON.stringify(raw)}`,
    );
  return limit;
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

type Handler<A extends unknown[]> = (...args: A) => Promise<Response>;

/** Turns a rejected cursor or input into 400 and any other failure into a 500 without internals. */
export function withApiErrors<A extends unknown[]>(handler: Handler<A>): Handler<A> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isClientError(error)) return apiError(400, error.code.toLowerCase(), error.message);
      console.error(error);
      return apiError(500, 'internal_error', 'The server failed to answer; the details are in its log.');
    }
  };
}
