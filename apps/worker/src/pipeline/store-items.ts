import type { Feed, IdentityRule, ItemInput, ItemWithFeed } from '@newsfeed/db';
import { type ParsedFeed, type ParsedItem, urlIdentity } from '../deps/parser.js';
import type { PollContext } from './context.js';
import { needsFullText } from './full-text.js';
import { chooseIdentityRule, guidKey, keyFor } from './identity.js';
import { signItem } from './sign-item.js';

/**
 * Stored items compared with incoming ones when keys don't match (a re-keyed item): the feed's
 * newest ones, as many as the feed lists plus a margin, at most this many.
 */
const RECENT_ITEMS_COMPARED = 200;
const RECENT_ITEMS_MARGIN = 10;

function recentLimit(items: ParsedItem[]): number {
  return Math.min(RECENT_ITEMS_COMPARED, items.length + RECENT_ITEMS_MARGIN);
}

export interface StoreOutcome {
  rule: IdentityRule;
  itemsNew: number;
  itemsUpdated: number;
  itemsTombstoned: number;
  fullTextFetched: number;
}

function urlIdentityOf(url: string | null, base: string): string | null {
  if (!url) return null;
  try {
    return urlIdentity(url, base);
  } catch {
    return null;
  }
}

/**
 * The stored key of each incoming item. Keys not seen before are matched against the feed's
 * recent stored items by URL identity, so an item whose guid changed, or a feed that switched
 * identity rule, updates its existing row instead of duplicating it.
 */
async function resolveKeys(
  ctx: PollContext,
  feed: Feed,
  items: ParsedItem[],
  rule: IdentityRule,
  recent: ItemWithFeed[],
): Promise<string[]> {
  const keys = items.map((item) => keyFor(item, rule, feed.url));
  const known = await ctx.db.items.existingKeys(feed.id, keys);
  if (keys.every((key) => known.has(key))) return keys;
  const keyByUrl = new Map<string, string>();
  for (const row of recent) {
    const identity = urlIdentityOf(row.canonicalUrl ?? row.url, feed.url);
    if (identity) keyByUrl.set(identity, row.key);
  }
  return keys.map((key, index) => {
    if (known.has(key)) return key;
    const identity = urlIdentityOf(items[index]!.url, feed.url);
    return (identity ? keyByUrl.get(identity) : undefined) ?? key;
  });
}

/** Evidence that the feed's guids changed: none known, yet most items' URLs are already stored. */
async function guidsChangedSincePreviousPoll(
  ctx: PollContext,
  feed: Feed,
  items: ParsedItem[],
  recent: ItemWithFeed[],
): Promise<boolean> {
  if (feed.identityRule !== 'guid' || recent.length === 0 || items.length === 0) return false;
  const guidKeys = items.map((item) => guidKey(item, feed.url)).filter((key): key is string => key !== null);
  const known = await ctx.db.items.existingKeys(feed.id, guidKeys);
  if (known.size > 0) return false;
  const storedUrls = new Set(recent.map((row) => urlIdentityOf(row.canonicalUrl ?? row.url, feed.url)));
  const matching = items.filter((item) => storedUrls.has(urlIdentityOf(item.url, feed.url))).length;
  return matching > 0 && matching * 2 >= items.length;
}

/**
 * Whether the stored row already holds this item's content: same title and summary, and either the
 * same feed text or the full text fetched for a teaser. Its text and signatures are then reused
 * instead of fetching the page and signing again.
 */
function storedContentStillValid(row: ItemWithFeed, item: ParsedItem): boolean {
  if ((item.title?.trim() ?? '') !== row.title || (item.summary ?? null) !== row.summary) return false;
  const feedText = (item.contentText ?? '').trim();
  if ((row.contentText ?? '') === feedText) return true;
  return needsFullText(item) && (row.contentText?.length ?? 0) > feedText.length;
}

/** identity → full text → sign → upsert and queue for clustering (one transaction), for one parsed feed. */
export async function storeItems(
  ctx: PollContext,
  feed: Feed,
  parsed: ParsedFeed,
  signal: AbortSignal,
): Promise<StoreOutcome> {
  const now = ctx.now();
  // The feed's newest stored rows: for re-keyed items, changed guids and unchanged content.
  const recent =
    feed.lastSuccessAt === null || parsed.items.length === 0
      ? []
      : (await ctx.db.items.listByFeed(feed.id, { limit: recentLimit(parsed.items) })).items;
  const guidsChanged = await guidsChangedSincePreviousPoll(ctx, feed, parsed.items, recent);
  const decision = chooseIdentityRule(parsed.items, feed.url, feed.identityRule, guidsChanged);
  if (decision.rule !== feed.identityRule) {
    ctx.logger.info(
      { feed_id: feed.id, url: feed.url, rule: decision.rule, reason: decision.reason },
      'identity rule',
    );
  }
  const keys = await resolveKeys(ctx, feed, parsed.items, decision.rule, recent);
  const recentByKey = new Map(recent.map((row) => [row.key, row]));

  const seen = new Set<string>();
  const inputs: ItemInput[] = [];
  let fullTextFetched = 0;
  await Promise.all(
    parsed.items.map(async (item, index) => {
      const key = keys[index]!;
      if (seen.has(key)) return;
      seen.add(key);
      const stored = recentByKey.get(key);
      if (stored && storedContentStillValid(stored, item)) {
        inputs[index] = signItem(item, key, null, parsed.language, now, stored);
        return;
      }
      let article = null;
      if (ctx.fullText && needsFullText(item) && item.url) {
        const result = await ctx.fullText.fetch(item.url, signal);
        article = result.article;
        if (result.fetched) {
          fullTextFetched++;
          ctx.metrics.fullTextFetches.inc({ result: result.article ? 'ok' : 'failed' });
        }
      }
      inputs[index] = signItem(item, key, article, parsed.language, now);
    }),
  );
  const ordered = inputs.filter((input): input is ItemInput => input !== undefined);
  // One transaction: the items, queued for the clusterer (cluster/clusterer.ts) in the same commit.
  const results = ordered.length > 0 ? await ctx.db.items.ingest(feed.id, ordered) : [];

  let itemsNew = 0;
  let itemsUpdated = 0;
  let itemsTombstoned = 0;
  for (const result of results) {
    if (result.status === 'new') itemsNew++;
    if (result.status === 'updated') itemsUpdated++;
    if (result.status === 'tombstoned') itemsTombstoned++;
  }
  ctx.metrics.itemsIngested.inc({ status: 'new' }, itemsNew);
  ctx.metrics.itemsIngested.inc({ status: 'updated' }, itemsUpdated);
  return { rule: decision.rule, itemsNew, itemsUpdated, itemsTombstoned, fullTextFetched };
}
