import type { Feed, IdentityRule, ItemInput, ItemWithFeed } from '@newsfeed/db';
import { type ParsedFeed, type ParsedItem, urlIdentity } from '../deps/parser.js';
import type { PollContext } from './context.js';
import { needsFullText } from './full-text.js';
import { FullTextBudget } from './full-text-budget.js';
import { chooseIdentityRule, guidKey, keysFor, storedHashKey } from './identity.js';
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
 * The stored key of each incoming item. An unseen key is matched against the feed's recent rows by
 * URL identity or content hash, so a changed guid or identity rule updates the row instead of
 * duplicating it.
 */
async function resolveKeys(
  ctx: PollContext,
  feed: Feed,
  items: ParsedItem[],
  rule: IdentityRule,
  recent: ItemWithFeed[],
): Promise<string[]> {
  const keys = keysFor(items, rule, feed.url);
  const known = await ctx.db.items.existingKeys(feed.id, keys);
  if (keys.every((key) => known.has(key))) return keys;
  const keyByUrl = new Map<string, string>();
  const keyByContent = new Map<string, string>();
  const claimed = new Set(keys.filter((key) => known.has(key)));
  for (const row of recent) {
    const identity = urlIdentityOf(row.canonicalUrl ?? row.url, feed.url);
    if (identity) keyByUrl.set(identity, row.key);
    else if (!claimed.has(row.key) && !keyByContent.has(storedHashKey(row)))
      keyByContent.set(storedHashKey(row), row.key);
  }
  return keys.map((key, index) => {
    if (known.has(key)) return key;
    const identity = urlIdentityOf(items[index]!.url, feed.url);
    if (identity) return keyByUrl.get(identity) ?? key;
    const byContent = keyByContent.get(key.replace(/#\d+$/, ''));
    if (byContent === undefined) return key;
    // One stored row answers for one incoming item.
    keyByContent.delete(key.replace(/#\d+$/, ''));
    return byContent;
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

/** A stored teaser whose page was not fetched yet (left over by an earlier poll's budget). */
function stillNeedsPage(row: ItemWithFeed, item: ParsedItem): boolean {
  const feedText = (item.contentText ?? '').trim();
  return needsFullText(item) && (row.contentText?.length ?? 0) <= feedText.length;
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

  // Which items fetch their page in this poll: new items first, then stored teasers still
  // waiting for theirs, within the poll's budget; a page already cached costs nothing.
  const seen = new Set<string>();
  const unique = parsed.items.flatMap((item, index) => {
    const key = keys[index]!;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ item, key, index, stored: recentByKey.get(key) }];
  });
  const fullText = ctx.fullText;
  const budget = new FullTextBudget(ctx.fullTextPerPoll, ctx.fullTextPerHost);
  const fetchPage = new Set<number>();
  const wantsPage = (entry: (typeof unique)[number]) =>
    fullText !== null &&
    entry.item.url !== null &&
    needsFullText(entry.item) &&
    (!entry.stored ||
      !storedContentStillValid(entry.stored, entry.item) ||
      stillNeedsPage(entry.stored, entry.item));
  for (const pass of [false, true]) {
    for (const entry of unique) {
      if ((entry.stored !== undefined) !== pass || !wantsPage(entry)) continue;
      if (fullText!.has(entry.item.url!) || budget.take(entry.item.url!)) fetchPage.add(entry.index);
    }
  }
  if (budget.deferred > 0) {
    ctx.logger.info(
      { feed_id: feed.id, url: feed.url, deferred: budget.deferred },
      'full text left to later polls',
    );
  }

  const inputs: ItemInput[] = [];
  let fullTextFetched = 0;
  /** Whether any item is new or changed, so the write queues it (those kept as stored are not). */
  let changed = false;
  await Promise.all(
    unique.map(async ({ item, key, index, stored }) => {
      if (stored && storedContentStillValid(stored, item) && !fetchPage.has(index)) {
        inputs[index] = signItem(item, key, null, parsed.language, now, stored);
        return;
      }
      let article = null;
      if (fullText && fetchPage.has(index)) {
        const result = await fullText.fetch(item.url!, signal);
        article = result.article;
        if (result.fetched) {
          fullTextFetched++;
          ctx.metrics.fullTextFetches.inc({ result: result.article ? 'ok' : 'failed' });
        }
        // The page gave nothing longer: the stored row stays as it is.
        if (stored && storedContentStillValid(stored, item) && !article) {
          inputs[index] = signItem(item, key, null, parsed.language, now, stored);
          return;
        }
      }
      changed = true;
      const derived = await ctx.parsers.deriveText(item, article, parsed.language);
      inputs[index] = signItem(item, key, article, parsed.language, now, undefined, derived);
    }),
  );
  const ordered = inputs.filter((input): input is ItemInput => input !== undefined);
  if (changed) await ctx.beforeQueueing?.();
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
