import { connection } from 'next/server';
import { IN_NEXT_SERVER } from './keep';

/**
 * Marks a response that reads nothing of its request as made per request: with cacheComponents,
 * Next.js would otherwise answer it from a copy made at build time. A unit test calling the handler
 * directly has no request scope, where this does nothing.
 */
export async function perRequest(): Promise<void> {
  if (IN_NEXT_SERVER) await connection();
}
