export type FetchErrorCode =
  | 'INVALID_URL'
  | 'BLOCKED_ADDRESS'
  | 'DNS'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'REDIRECT_LOOP'
  | 'BAD_REDIRECT'
  | 'BAD_ENCODING'
  | 'ABORTED';

/** Anything that kept a request from producing a response body; `url` is the address that failed. */
export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string;
  constructor(code: FetchErrorCode, url: string, message: string, options?: { cause?: unknown }) {
    super(`${message} (${url})`, options);
    this.name = 'FetchError';
    this.code = code;
    this.url = url;
  }
}

/** Finds a FetchError anywhere in an error's cause chain (undici wraps socket errors). */
export function findFetchError(error: unknown): FetchError | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof FetchError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
