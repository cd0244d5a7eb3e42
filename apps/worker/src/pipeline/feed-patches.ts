import type { Feed, FeedPatch } from '@newsfeed/db';
import {
  adaptiveIntervalSeconds,
  addSeconds,
  backoffSeconds,
  type PublishingSignals,
  type ScheduleLimits,
  withJitter,
} from '../schedule/interval.js';

// The "record the poll and schedule the next one" stage: what a poll writes on its feed row.

export interface FailureInput {
  reason: string;
  /** Seconds the server asked us to wait (Retry-After on 429/503). */
  retryAfterSeconds?: number | null;
  /** Disable now, whatever the count (410 Gone, a feed that moved onto another one). */
  disableNow?: boolean;
}

export function successPatch(
  feed: Feed,
  signals: Omit<PublishingSignals, 'previousSeconds'>,
  limits: ScheduleLimits,
  now: Date,
  random: () => number,
): FeedPatch {
  const interval = adaptiveIntervalSeconds(
    { ...signals, previousSeconds: feed.pollIntervalSeconds },
    limits,
    now,
  );
  return {
    pollIntervalSeconds: interval,
    nextPollAt: addSeconds(now, withJitter(interval, random)),
    errorCount: 0,
    lastError: null,
    lastErrorAt: null,
    lastSuccessAt: now.toISOString(),
  };
}

export function failurePatch(
  feed: Feed,
  failure: FailureInput,
  limits: ScheduleLimits,
  maxConsecutiveFailures: number,
  now: Date,
  random: () => number,
): FeedPatch {
  const errorCount = feed.errorCount + 1;
  const backoff = withJitter(backoffSeconds(errorCount, limits), random);
  // Retry-After is a floor: never earlier than the server asked, never later than the max interval.
  const wait = Math.min(limits.maxSeconds, Math.max(backoff, failure.retryAfterSeconds ?? 0));
  const patch: FeedPatch = {
    errorCount,
    lastError: failure.reason,
    lastErrorAt: now.toISOString(),
    nextPollAt: addSeconds(now, wait),
  };
  if (failure.disableNow) {
    patch.disabled = true;
    patch.disabledReason = failure.reason;
  } else if (errorCount >= maxConsecutiveFailures) {
    patch.disabled = true;
    patch.disabledReason = `Disabled after ${errorCount} consecutive failed polls (WORKER_MAX_CONSECUTIVE_FAILURES); last error: ${failure.reason}`;
  }
  return patch;
}
