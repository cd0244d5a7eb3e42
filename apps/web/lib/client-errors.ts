import type { Page } from '@newsfeed/db';

// Database errors caused by what the visitor sent (a mangled ?cursor=, an impossible filter) are
// their mistake, not an outage: pages show a way back and the API answers 400.

const CLIENT_ERROR_CODES = new Set(['INVALID_CURSOR', 'INVALID_INPUT', 'INVALID_PARAMETER']);

export function isClientError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && CLIENT_ERROR_CODES.has(String((error as { code?: unknown }).code));
}

/** The page, or null when its cursor or filter was rejected; other errors propagate. */
export async function pageOrInvalid<T>(load: Promise<Page<T>>): Promise<Page<T> | null> {
  try {
    return await load;
  } catch (error) {
    if (isClientError(error)) return null;
    throw error;
  }
}
