import type { Feed, FeedPatch } from '@newsfeed/db';
import { FetchError, findFetchError } from '../fetch/fetch-error.js';
import type { FetchResponse } from '../fetch/http-client.js';
import { parseMaxAge, parseRetryAfter, syndicationPeriodSeconds } from '../schedule/interval.js';
import type { PollContext } from './context.js';
import { crashedBefore, recordCrashedClaim } from './crashed-claim.js';
import { type FailureInput, failurePatch, successPatch } from './feed-patches.js';
import { httpUrlOrNull } from './http-url.js';
import { storeItems } from './store-items.js';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

/** How a poll ended, as counted in metrics and logs. */
export type PollOutcomeKind = 'updated' | 'not_modified' | 'failed' | 'disabled' | 'lease_lost';

export interface PollOutcome {
  feedId: number;
  outcome: PollOutcomeKind;
  httpStatus: number | null;
  itemsNew: number;
  itemsUpdated: number;
  nextPollAt: string | null;
  error: string | null;
  url: string;
}

/** Statuses worth a retry later; anything else 4xx is the publisher's answer, still retried with backoff. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);
/** Feeds of an HTML page tried in one poll (advertised ones first, then guessed paths). */
const MAX_DISCOVERED_TRIED = 3;

function describeStatus(response: FetchResponse): string {
  return `HTTP ${response.status} from ${response.url}`;
}

/**
 * Runs one claimed feed through every stage: fetch → parse (discovering the feed of an HTML
 * page) → identity, full text, sign, upsert, cluster → record the poll and schedule the next.
 * Never throws for a feed's own problems: they are recorded on the feed and in the poll history.
 */
export async function pollFeed(ctx: PollContext, feed: Feed, signal: AbortSignal): Promise<PollOutcome> {
  if (crashedBefore(feed)) return recordCrashedClaim(ctx, feed);
  const started = ctx.now();
  const startedMs = performance.now();
  let response: FetchResponse | null = null;
  let bytes = 0;
  let itemsNew = 0;
  let itemsUpdated = 0;
  let patch: FeedPatch;
  let outcome: PollOutcomeKind;
  let error: string | null = null;
  let url = feed.url;

  const fail = (failure: FailureInput): FeedPatch => {
    error = failure.reason;
    const failed = failurePatch(feed, failure, ctx.limits, ctx.maxConsecutiveFailures, ctx.now(), ctx.random);
    outcome = failed.disabled ? 'disabled' : 'failed';
    return failed;
  };

  try {
    let target = feed.url;
    // Feeds an HTML page advertises, still to try; only the stored URL's page is searched.
    let candidates: string[] | null = null;
    // Whether the page named any feed itself, or only common paths were guessed.
    let advertised = false;
    for (;;) {
      response = await ctx.http.fetch({
        url: target,
        accept: FEED_ACCEPT,
        // Validators belong to the stored URL only.
        etag: target === feed.url ? feed.etag : null,
        lastModified: target === feed.url ? feed.lastModified : null,
        signal,
      });
      ctx.metrics.fetchSeconds.observe(response.durationMs / 1000);
      bytes += response.wireBytes;
      if (target === feed.url) url = response.permanentUrl;
      const parsed = response.status === 200 ? await ctx.parsers.parseFeed(response, ctx.feedTimeZone) : null;
      if (parsed?.kind === 'page' && candidates === null) {
        const tried = parsed.discovered.slice(0, MAX_DISCOVERED_TRIED);
        candidates = tried.map((entry) => entry.url);
        advertised = tried.some((entry) => entry.source === 'link');
        ctx.logger.info({ feed_id: feed.id, url: feed.url, discovered: candidates }, 'page advertises feeds');
      }
      if (parsed?.kind !== 'feed' && candidates && candidates.length > 0) {
        target = candidates.shift()!;
        continue;
      }
      if (parsed?.kind !== 'feed' && candidates !== null) {
        // The stored URL is a web page, and neither its feeds nor the guessed paths gave one: the
        // reason is about the page, not the last guess's 404 or soft-404 page.
        patch = fail({
          reason: advertised
            ? `${feed.url} is a web page and none of the feeds it advertises could be read`
            : `${feed.url} is a web page, not a feed; it advertises none and none was found at the usual feed paths`,
        });
        break;
      }
      if (!parsed) break;
      if (parsed.kind !== 'feed') {
        patch = fail({
          reason:
            parsed.kind === 'invalid'
              ? `Not a feed (${parsed.code}): ${parsed.message}`
              : `${feed.url} is a web page and none of the feeds it advertises could be read`,
        });
        break;
      }
      // A feed found through the page becomes the subscription's URL.
      if (target !== feed.url) url = response.permanentUrl;
      const stored = await storeItems(ctx, { ...feed, url }, parsed.feed, signal);
      itemsNew = stored.itemsNew;
      itemsUpdated = stored.itemsUpdated;
      patch = {
        ...successPatch(
          feed,
          {
            itemDates: parsed.feed.items.map((item) => item.publishedAt ?? item.updatedAt),
            ttlMinutes: parsed.feed.ttlMinutes,
            updatePeriodSeconds: syndicationPeriodSeconds(response.body.toString('latin1', 0, 20_000)),
            maxAgeSeconds: parseMaxAge(response.headers['cache-control']),
          },
          ctx.limits,
          ctx.now(),
          ctx.random,
        ),
        etag: response.headers.etag ?? null,
        lastModified: response.headers['last-modified'] ?? null,
        identityRule: stored.rule,
        ...(feed.title ? {} : { title: parsed.feed.title }),
        ...(feed.siteUrl ? {} : { siteUrl: httpUrlOrNull(parsed.feed.homeUrl) }),
        ...(httpUrlOrNull(parsed.feed.iconUrl ?? parsed.feed.imageUrl)
          ? { iconUrl: httpUrlOrNull(parsed.feed.iconUrl ?? parsed.feed.imageUrl) }
          : {}),
        ...(parsed.feed.language ? { language: parsed.feed.language } : {}),
      };
      outcome = 'updated';
      break;
    }
    // (A page's failed candidates were judged in the loop.)
    if (response && response.status !== 200 && candidates === null) {
      const status = response.status;
      if (status === 304) {
        // Nothing changed: no parse, no item writes, only the schedule.
        patch = successPatch(
          feed,
          { itemDates: [], maxAgeSeconds: parseMaxAge(response.headers['cache-control']) },
          ctx.limits,
          ctx.now(),
          ctx.random,
        );
        outcome = 'not_modified';
      } else if (status === 410) {
        patch = fail({
          reason: `${describeStatus(response)} (Gone): the publisher removed this feed`,
          disableNow: true,
        });
      } else if (RETRY_AFTER_STATUSES.has(status)) {
        const retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], ctx.now());
        patch = fail({ reason: describeStatus(response), retryAfterSeconds });
      } else {
        patch = fail({ reason: describeStatus(response) });
      }
    }
  } catch (caught) {
    const fetchError = findFetchError(caught);
    if (fetchError?.code === 'ABORTED' || signal.aborted) {
      // Shutting down: give the feed back untouched so another worker (or the next start) takes it.
      await ctx.db.feeds.releaseLease(feed.id, ctx.workerId);
      return {
        feedId: feed.id,
        outcome: 'lease_lost',
        httpStatus: null,
        itemsNew,
        itemsUpdated,
        nextPollAt: null,
        error: 'aborted',
        url,
      };
    }
    const reason = fetchError
      ? `${fetchError.code}: ${fetchError.message}`
      : `${(caught as Error).name ?? 'Error'}: ${(caught as Error).message ?? String(caught)}`;
    if (!(caught instanceof FetchError))
      ctx.logger.error({ feed_id: feed.id, url: feed.url, err: reason }, 'poll failed');
    patch = fail({ reason });
  }

  patch ??= fail({ reason: 'poll ended without a result' });
  if (url !== feed.url) {
    const owner = await ctx.db.feeds.getByUrl(url);
    if (owner && owner.id !== feed.id) {
      ctx.logger.warn(
        { feed_id: feed.id, url: feed.url, moved_to: url, other_feed_id: owner.id },
        'feed moved onto another feed',
      );
    } else {
      patch.url = url;
    }
  }
  const durationMs = Math.round(performance.now() - startedMs);
  const kept =
    outcome! === 'not_modified' && patch.url === undefined
      ? // Only the schedule changes: written in one statement with this process's other 304s.
        await ctx.unchangedPolls.finish({
          id: feed.id,
          nextPollAt: patch.nextPollAt!,
          pollIntervalSeconds: patch.pollIntervalSeconds!,
          polledAt: patch.lastSuccessAt!,
        })
      : await ctx.db.feeds.finishPoll(feed.id, ctx.workerId, patch);
  const finalOutcome: PollOutcomeKind = kept ? outcome! : 'lease_lost';
  const status = response?.status ?? null;
  if (kept && finalOutcome !== 'not_modified') {
    await ctx.db.polls.record({
      feedId: feed.id,
      startedAt: started.toISOString(),
      durationMs,
      httpStatus: status,
      bytes,
      itemsNew,
      itemsUpdated,
      error,
    });
  }
  ctx.metrics.polls.inc({ outcome: finalOutcome });
  const log = {
    feed_id: feed.id,
    url: feed.url,
    status,
    outcome: finalOutcome,
    duration_ms: durationMs,
    items_new: itemsNew,
    items_updated: itemsUpdated,
    next_poll_at: patch.nextPollAt ?? null,
    ...(error ? { err: error } : {}),
  };
  if (finalOutcome === 'failed' || finalOutcome === 'disabled') ctx.logger.warn(log, 'poll failed');
  else ctx.logger.info(log, 'polled');
  return {
    feedId: feed.id,
    outcome: finalOutcome,
    httpStatus: status,
    itemsNew,
    itemsUpdated,
    nextPollAt: patch.nextPollAt ?? null,
    error,
    url: patch.url ?? feed.url,
  };
}
