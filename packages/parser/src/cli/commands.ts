import type { CliCommand } from './cli-io.js';

/** Every sub-command of `newsfeed-parser`; each module is imported only when its command runs. */
export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'feed',
    summary:
      'Parse RSS/Atom/RDF/JSON feeds: one ParsedFeed JSON object per file (--url, --content-type, --time-zone, --max-bytes, --max-items)',
    valueFlags: ['url', 'content-type', 'max-bytes', 'max-items', 'time-zone'],
    load: async () => (await import('./feed-command.js')).runFeedCommand,
  },
  {
    name: 'article',
    summary:
      'extract the article from HTML pages (.html, .html.gz): article FILE... [--url URL] [--content-type TYPE] (needs jsdom and @mozilla/readability)',
    valueFlags: ['url', 'content-type'],
    load: async () => (await import('./article-command.js')).runArticleCommand,
  },
  {
    name: 'text',
    summary: 'normalize scraped article text: text FILE... [--url URL] [--title TITLE]',
    valueFlags: ['url', 'title'],
    load: async () => (await import('./text-command.js')).runTextCommand,
  },
];
