import type { Feed } from '@newsfeed/db';
import type { PollContext } from './context.js';
import { failurePatch } from './feed-patches.js';
import type { PollOutcome } from './poll-feed.js';

/** Whether earlier claims of this feed ended without an outcome: their worker died while polling it. */
export function crashedBefore(feed: Feed): boolean {
  return feed.claimAttempts > 1;
}

/**
 * Sets aside a feed whose earlier claims died with their worker: the crash is recorded as its
 * error, it backs off like any failure, and WORKER_MAX_CRASHES in a row disable it. It is not
 * polled now: that would likely kill this worker too.
 */
export async function recordCrashedClaim(ctx: PollContext, feed: Feed): Promise<PollOutcome> {
  const crashes = feed.crashCount + 1;
  const lost = feed.claimAttempts - 1;
  const reason = `Crashed the worker: ${lost} poll${lost === 1 ? '' : 's'} of this feed ended with the worker gone (crash ${crashes} in a row)`;
  const patch = failurePatch(
    feed,
    crashes >= ctx.maxCrashes
      ? {
          reason: `${reason}; disabled after ${crashes} (WORKER_MAX_CRASHES)`,
          disableNow: true,
        }
      : { reason },
    ctx.limits,
    ctx.maxConsecutiveFailures,
    ctx.now(),
    ctx.random,
  );
  const kept = await ctx.db.feeds.recordCrash(feed.id, ctx.workerId, patch);
  if (kept) {
    await ctx.db.polls.record({
      feedId: feed.id,
      startedAt: ctx.now().toISOString(),
      durationMs: 0,
      httpStatus: null,
      bytes: 0,
      itemsNew: 0,
      itemsUpdated: 0,
      error: patch.lastError ?? reason,
    });
  }
  const outcome = !kept ? 'lease_lost' : patch.disabled ? 'disabled' : 'failed';
  ctx.metrics.polls.inc({ outcome });
  ctx.logger.error(
    { feed_id: feed.id, url: feed.url, outcome, crashes, err: patch.lastError },
    'feed crashed the worker before',
  );
  return {
    feedId: feed.id,
    outcome,
    httpStatus: null,
    itemsNew: 0,
    itemsUpdated: 0,
    nextPollAt: patch.nextPollAt ?? null,
    error: patch.lastError ?? reason,
    url: feed.url,
  };
}
