// Scheduling math: pure functions from what a poll learned to when the next one happens.

export interface ScheduleLimits {
  minSeconds: number;
  maxSeconds: number;
}

export interface PublishingSignals {
  /** Publication times of the feed's items (ISO strings or null), in any order. */
  itemDates: Array<string | null>;
  /** The interval used before this poll, for feeds with too few dated items to measure. */
  previousSeconds: number;
  /** RSS <ttl>, in minutes. */
  ttlMinutes?: number | null;
  /** sy:updatePeriod × sy:updateFrequency, in seconds. */
  updatePeriodSeconds?: number | null;
  /** HTTP Cache-Control max-age, in seconds. */
  maxAgeSeconds?: number | null;
}

/** Items compared to measure a feed's pace: enough to smooth bursts, few enough to follow changes. */
const PACE_SAMPLE = 20;
/** Poll about twice per typical gap between items, so a new item waits half a gap on average. */
const POLLS_PER_GAP = 2;
/** ±10 %: a thousand feeds added at once drift apart instead of being fetched in the same second. */
const JITTER_RATIO = 0.1;

export function clamp(value: number, limits: ScheduleLimits): number {
  return Math.min(limits.maxSeconds, Math.max(limits.minSeconds, Math.round(value)));
}

/** The median gap between consecutive item dates (seconds), or null with fewer than two dates. */
export function medianGapSeconds(itemDates: Array<string | null>, now: Date): number | null {
  const times = itemDates
    .map((date) => (date ? Date.parse(date) : Number.NaN))
    .filter((time) => Number.isFinite(time) && time <= now.getTime())
    .sort((a, b) => b - a)
    .slice(0, PACE_SAMPLE);
  if (times.length < 2) return null;
  const gaps: number[] = [];
  for (let index = 1; index < times.length; index++) gaps.push((times[index - 1]! - times[index]!) / 1000);
  // Also count the time since the newest item: a feed that went quiet slows down.
  gaps.push((now.getTime() - times[0]!) / 1000);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/**
 * How long to wait before the next poll of a feed that answered: from its publishing pace, never
 * below what the publisher asked for (ttl, sy:updatePeriod, max-age), within the limits.
 */
export function adaptiveIntervalSeconds(
  signals: PublishingSignals,
  limits: ScheduleLimits,
  now: Date,
): number {
  const gap = medianGapSeconds(signals.itemDates, now);
  let interval = gap === null ? signals.previousSeconds : gap / POLLS_PER_GAP;
  const publisherFloor = Math.max(
    (signals.ttlMinutes ?? 0) * 60,
    signals.updatePeriodSeconds ?? 0,
    signals.maxAgeSeconds ?? 0,
  );
  interval = Math.max(interval, publisherFloor);
  return clamp(interval, limits);
}

/** Exponential backoff after `failures` consecutive failures: min, 2×min, 4×min… up to max. */
export function backoffSeconds(failures: number, limits: ScheduleLimits): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return clamp(limits.minSeconds * 2 ** exponent, limits);
}

/** Spreads `seconds` by ±10 %, using `random` in [0, 1). */
export function withJitter(seconds: number, random: () => number = Math.random): number {
  return Math.max(1, Math.round(seconds * (1 + (random() * 2 - 1) * JITTER_RATIO)));
}

export function addSeconds(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

/** Retry-After as seconds from `now`: either delta-seconds or an HTTP date; null when absent or bad. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (!Number.isFinite(date)) return null;
  return Math.max(0, Math.round((date - now.getTime()) / 1000));
}

/** Cache-Control max-age in seconds (s-maxage is for shared caches, which the worker is not); null when absent. `no-cache`/`no-store` count as 0. */
export function parseMaxAge(cacheControl: string | undefined): number | null {
  if (!cacheControl) return null;
  const directives = cacheControl.toLowerCase();
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d+)/.exec(directives);
  if (match) return Number(match[1]);
  if (/no-cache|no-store/.test(directives)) return 0;
  return null;
}

const UPDATE_PERIOD_SECONDS: Record<string, number> = {
  hourly: 3_600,
  daily: 86_400,
  weekly: 604_800,
  monthly: 2_592_000,
  yearly: 31_536_000,
};

/**
 * The Syndication module's hint (`sy:updatePeriod` / `sy:updateFrequency`) as the time between
 * updates, read from the raw document because feed parsers drop it.
 */
export function syndicationPeriodSeconds(document: string): number | null {
  const head = document.slice(0, 20_000);
  const period = /<(?:\w+:)?updatePeriod\s*>\s*([a-z]+)\s*</i.exec(head)?.[1]?.toLowerCase();
  if (!period || !(period in UPDATE_PERIOD_SECONDS)) return null;
  const frequencyText = /<(?:\w+:)?updateFrequency\s*>\s*(\d+)\s*</i.exec(head)?.[1];
  const frequency = Math.max(1, Number(frequencyText ?? 1));
  return Math.round(UPDATE_PERIOD_SECONDS[period]! / frequency);
}
