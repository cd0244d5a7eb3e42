import { createHash } from 'node:crypto';
import { urlIdentity } from '../url/canonical-url.js';

/** The fields an item's identity is computed from. */
export interface ItemIdentity {
  guid: string | null;
  url: string | null;
  title: string | null;
  publishedAt: string | null;
}

export type ItemKeyRule = 'guid' | 'url' | 'hash';

const URL_LIKE = /^https?:\/\//i;

function identityOfUrl(url: string): string {
  try {
    return urlIdentity(url);
  } catch {
    return url.trim();
  }
}

/**
 * An item's identity under one rule, prefixed by the rule, or null when the item lacks what the
 * rule needs:
 * - `guid:` the publisher's id; a URL-like id goes through urlIdentity, so http/https, host case,
 *   tracking parameters and a trailing slash don't make two ids differ;
 * - `url:` the urlIdentity of the item's link;
 * - `hash:` a SHA-256 of the title and publication date (at least one of them present).
 */
export function itemKey(item: ItemIdentity, rule: ItemKeyRule): string | null {
  if (rule === 'guid') {
    const guid = item.guid?.trim();
    if (!guid) return null;
    return `guid:${URL_LIKE.test(guid) ? identityOfUrl(guid) : guid}`;
  }
  if (rule === 'url') {
    const url = item.url?.trim();
    return url ? `url:${identityOfUrl(url)}` : null;
  }
  const title = item.title?.trim() ?? '';
  const date = item.publishedAt ?? '';
  if (!title && !date) return null;
  return `hash:${createHash('sha256').update(`${title}\u0000${date}`).digest('hex').slice(0, 32)}`;
}

/**
 * The default key of every item of one feed: the guid when present and unique within the feed,
 * else the URL identity, else the title+date hash; an item with none of these gets a hash of what
 * it has left (enclosure URLs, text), so every item has a key.
 */
export function assignItemKeys<
  T extends ItemIdentity & {
    contentText?: string | null;
    summary?: string | null;
    enclosures?: readonly { url: string }[];
  },
>(items: readonly T[]): string[] {
  const guidKeys = items.map((item) => itemKey(item, 'guid'));
  const guidCounts = new Map<string, number>();
  for (const key of guidKeys) if (key) guidCounts.set(key, (guidCounts.get(key) ?? 0) + 1);
  return items.map((item, index) => {
    const guid = guidKeys[index];
    if (guid && guidCounts.get(guid) === 1) return guid;
    const key = itemKey(item, 'url') ?? itemKey(item, 'hash');
    if (key) return key;
    const body = [
      ...(item.enclosures ?? []).map((enclosure) => enclosure.url),
      item.contentText ?? item.summary ?? '',
    ].join('\n');
    return `hash:${createHash('sha256').update(`\u0000${body}`).digest('hex').slice(0, 32)}`;
  });
}
