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

export function hashKey(item: ParsedItem): string {
  const basis = [
    item.title ?? '',
    item.publishedAt ?? '',
    (item.contentText ?? item.summary ?? '').slice(0, 500),
  ];
  return `hash:${createHash('sha256').update(basis.join('\u0000')).digest('hex').slice(0, 32)}`;
}

export function keyFor(item: ParsedItem, rule: IdentityRule, feedUrl: string): string {
  if (rule === 'guid') return guidKey(item, feedUrl) ?? urlKey(item, feedUrl) ?? hashKey(item);
  if (rule === 'url') return urlKey(item, feedUrl) ?? hashKey(item);
  return hashKey(item);
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
 * Picks how this feed's items are identified, from the items alone: guids when every item has one
 * and none repeats, else canonical URLs when those are present and unique, else a content hash.
 * A feed once moved off guids stays off (its guids proved unstable); `guidsChanged` is the
 * evidence from storage that the guids of known items changed since the last poll.
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
