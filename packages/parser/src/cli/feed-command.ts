import { isTimeZone } from '../dates/time-zone.js';
import { DEFAULT_MAX_BYTES } from '../feed/limits.js';
import { parseFeed } from '../feed/parse-feed.js';
import type { CommandRun } from './cli-io.js';
import { forEachInput } from './for-each-input.js';
import { CliUsageError } from './parse-args.js';

/** `newsfeed-parser feed FILE... [--url URL] [--content-type CT] [--time-zone TZ]`: one ParsedFeed per line. */
export const runFeedCommand: CommandRun = async (files, flags, io) => {
  const number = (name: string) => {
    const value = flags.get(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value))
      throw new CliUsageError(`--${name} needs a whole number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  const timeZone = flags.get('time-zone');
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw new CliUsageError(`--time-zone needs an IANA zone or an offset, got ${JSON.stringify(timeZone)}`);
  const options = {
    url: flags.get('url'),
    contentType: flags.get('content-type'),
    maxBytes: number('max-bytes'),
    maxItems: number('max-items'),
    timeZone,
  };
  return forEachInput(files, io, options.maxBytes ?? DEFAULT_MAX_BYTES, (bytes) => parseFeed(bytes, options));
};
