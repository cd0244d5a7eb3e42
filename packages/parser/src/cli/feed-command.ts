import { parseFeed } from '../feed/parse-feed.js';
import type { CliCommand } from './cli-io.js';
import { forEachInput } from './for-each-input.js';
import { CliUsageError } from './parse-args.js';

/** `newsfeed-parser feed FILE... [--url URL] [--content-type CT]`: one ParsedFeed per line. */
export const feedCommand: CliCommand = {
  name: 'feed',
  summary: 'Parse RSS/Atom/RDF/JSON feeds: one ParsedFeed JSON object per file (--url, --content-type)',
  valueFlags: ['url', 'content-type', 'max-bytes', 'max-items'],
  async run(files, flags, io) {
    const number = (name: string) => {
      const value = flags.get(name);
      if (value === undefined) return undefined;
      if (!/^\d+$/.test(value))
        throw new CliUsageError(`--${name} needs a whole number, got ${JSON.stringify(value)}`);
      return Number(value);
    };
    const options = {
      url: flags.get('url'),
      contentType: flags.get('content-type'),
      maxBytes: number('max-bytes'),
      maxItems: number('max-items'),
    };
    return forEachInput(files, io, (bytes) => parseFeed(bytes, options));
  },
};
