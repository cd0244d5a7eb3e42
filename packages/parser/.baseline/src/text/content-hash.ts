import { createHash } from 'node:crypto';
import { normalizeForSignature } from './words.js';

/**
 * Exact signature: hex SHA-256 of the text with case, whitespace, punctuation, quotes and
 * apostrophes folded (see normalizeForSignature), so two copies that differ only in typography
 * hash alike.
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeForSignature(text)).digest('hex');
}
