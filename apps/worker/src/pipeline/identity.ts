import { createHash } from 'node:crypto';
import type { IdentityRule } from '@newsfeed/db';
import { type ParsedItem, urlIdentity } from '../deps/parser.js';

// Item identity. Keys are built from normalized values so that trivial changes (http → https,
// host case, tracking parameters, a trailing slash, "www.") produce the same key: the item stays
// one row, and a deleted item's tombstone still matches when it comes back slightly different.

function identityOfUrl(value: string | null | undefined, base: string): string | null {
  if (!value?.trim()) return null;
  try {
    return urlIdentity(value, base);
  } catch {
    return null;
  }
}

function looksLikeUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}

export function guidKey(item: ParsedItem, feedUrl: string): string | null {
  const guid = item.guid?.trim();
  if (!guid) return null;
  return `guid:${looksLikeUrl(guid) ? (identityOfUrl(guid, feedUrl) ?? guid) : guid}`;
}

export function urlKey(item: ParsedItem, feedUrl: string): string | null {
  const identity = identityOfUrl(item.url, feedUrl);
  return identity ? `url:${identity}` : null;
}

/** Title stored for an item without one (signItem); hashed the same for item and row. */
const UNTITLED = '(untitled)';
/** The characters of an item's text that its content hash reads. */
const HASHED_TEXT_CHARS = 500;

/**
 * The content an item without guid or link is known by: its title as stored and the start of its
 * text. Never a date: feeds without ids often stamp every item with the fetch time. Computed the
 * same way from a stored row (`storedHashKey`), so rows keyed another way are still recognized.
 */
function contentHashKey(title: string | null | undefined, text: string | null | undefined): string {
  const basis = [title?.trim() || UNTITLED, (text ?? '').slice(0, HASHED_TEXT_CHARS)];
  return `hash:${createHash('sha256').update(basis.join('\u0000')).digest('hex').slice(0, 32)}`;
}

export function hashKey(item: ParsedItem): string {
  return contentHashKey(item.title, (item.contentText ?? '').trim() || item.summary);
}

/** The hash key an item stored from this row's content had (or would have had) under the current rule. */
export function storedHashKey(row: {
  title: string;
  contentText: string | null;
  summary: string | null;
}): string {
  return contentHashKey(row.title, row.contentText || row.summary);
}

export function keyFor(item: ParsedItem, rule: IdentityRule, feedUrl: string): string {
  if (rule === 'guid') return guidKey(item, feedUrl) ?? urlKey(item, feedUrl) ?? hashKey(item);
  if (rule === 'url') return urlKey(item, feedUrl) ?? hashKey(item);
  return hashKey(item);
}

/**
 * Every item's key under `rule`. Items identical in content (a status feed repeating one line) are
 * still distinct items: the second and later get the occurrence number, counted from the feed's
 * end, so an item added on top does not shift the keys of those below.
 */
export function keysFor(items: ParsedItem[], rule: IdentityRule, feedUrl: string): string[] {
  const keys = items.map((item) => keyFor(item, rule, feedUrl));
  const seen = new Map<string, number>();
  for (let index = keys.length - 1; index >= 0; index--) {
    const key = keys[index]!;
    if (!key.startsWith('hash:')) continue;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    if (occurrence > 1) keys[index] = `${key}#${occurrence}`;
  }
  return keys;
}

function allPresentAndUnique(keys: Array<string | null>): boolean {
  if (keys.length === 0 || keys.some((key) => key === null)) return false;
  return new Set(keys).size === keys.length;
}

export interface IdentityDecision {
  rule: IdentityRule;
  /** Why this rule, for the log. */
  reason: string;
}

/**
 * Picks how this feed's items are identified: unique guids, else unique canonical URLs, else a
 * content hash. A feed once moved off guids stays off (`guidsChanged`: stored items' guids changed).
 */
export function chooseIdentityRule(
  items: ParsedItem[],
  feedUrl: string,
  previous: IdentityRule | null,
  guidsChanged = false,
): IdentityDecision {
  if (items.length === 0) return { rule: previous ?? 'guid', reason: 'no items to judge' };
  const guidsUsable = allPresentAndUnique(items.map((item) => guidKey(item, feedUrl)));
  const urlsUsable = allPresentAndUnique(items.map((item) => urlKey(item, feedUrl)));
  if (guidsUsable && previous !== 'url' && previous !== 'hash' && !guidsChanged) {
    return { rule: 'guid', reason: 'every item has a unique guid' };
  }
  if (urlsUsable && previous !== 'hash') {
    const why = guidsChanged
      ? 'guids changed between polls'
      : guidsUsable
        ? 'guids proved unstable before'
        : 'guids missing or repeated';
    return { rule: 'url', reason: why };
  }
  return { rule: 'hash', reason: 'neither guids nor links identify items' };
}
