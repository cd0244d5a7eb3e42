// The dates of one feed, read together so that a date written without a zone can take the zone the
// feed itself shows in its other dates, before falling back to the caller's zone.
import { type DateReading, isZoneless, readDate, readingToIso } from './parse-date.js';
import { offsetZone, type TimeZone, UTC } from './time-zone.js';

/** Where the zone of the feed's zone-less dates came from. */
export type ZoneSource = 'feed' | 'option' | 'default';

export interface ZonelessSummary {
  /** How many dates had no zone. */
  count: number;
  zone: TimeZone;
  source: ZoneSource;
  /** The first such date, as written. */
  example: string;
}

/** The offset most of the readings state (the first one met wins a tie); undefined when none does. */
function mostCommonOffset(readings: readonly (DateReading | null)[]): number | undefined {
  const votes = new Map<number, number>();
  let best: number | undefined;
  for (const reading of readings) {
    if (reading?.kind !== 'wall' || reading.offsetMinutes === undefined) continue;
    const count = (votes.get(reading.offsetMinutes) ?? 0) + 1;
    votes.set(reading.offsetMinutes, count);
    if (best === undefined || count > votes.get(best)!) best = reading.offsetMinutes;
  }
  return best;
}

export class FeedDates {
  private readonly readings = new Map<string, DateReading | null>();
  private readonly zone: TimeZone;
  private readonly source: ZoneSource;
  private zonelessCount = 0;
  private zonelessExample = '';

  /**
   * `values`: every date the feed holds (channel and items), as written. `callerZone`: the zone
   * the caller says zone-less dates are in (parseFeed's `timeZone`), used when the feed shows none.
   */
  constructor(values: readonly (string | null)[], callerZone: TimeZone | null) {
    for (const value of values) {
      if (value?.trim() && !this.readings.has(value)) this.readings.set(value, readDate(value));
    }
    const feedOffset = mostCommonOffset([...this.readings.values()]);
    if (feedOffset !== undefined) {
      this.zone = offsetZone(feedOffset);
      this.source = 'feed';
    } else {
      this.zone = callerZone ?? UTC;
      this.source = callerZone ? 'option' : 'default';
    }
  }

  /** The date as an ISO 8601 UTC string; null when it is not a date. */
  read(value: string): string | null {
    let reading = this.readings.get(value);
    if (reading === undefined) {
      reading = readDate(value);
      this.readings.set(value, reading);
    }
    if (!reading) return null;
    if (isZoneless(reading)) {
      if (this.zonelessCount === 0) this.zonelessExample = value.trim();
      this.zonelessCount += 1;
    }
    return readingToIso(reading, this.zone);
  }

  /** What was assumed for the zone-less dates read so far; null when there were none. */
  zoneless(): ZonelessSummary | null {
    if (this.zonelessCount === 0) return null;
    return { count: this.zonelessCount, zone: this.zone, source: this.source, example: this.zonelessExample };
  }
}
