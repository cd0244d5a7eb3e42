import { escapeHtml } from '../render-html';
import { escapeXml, type FeedDocument, type FeedEntry } from './feed-document';

/** RFC 822 date as RSS 2.0 requires ("Sat, 28 Nov 2026 12:00:00 GMT"). */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

function element(name: string, value: string | null | undefined): string {
  return value ? `<${name}>${escapeXml(value)}</${name}>` : '';
}

function renderItem(entry: FeedEntry): string {
  return [
    '<item>',
    // Readers treat an RSS title as HTML, so text that looks like a tag is HTML-escaped first.
    element('title', escapeHtml(entry.title)),
    element('link', entry.url),
    `<guid isPermaLink="false">${escapeXml(entry.id)}</guid>`,
    element('pubDate', rfc822(entry.publishedAt)),
    element('description', escapeHtml(entry.summary ?? '')),
    entry.contentHtml ? `<content:encoded>${escapeXml(entry.contentHtml)}</content:encoded>` : '',
    ...entry.authors.map((name) => element('dc:creator', name)),
    ...entry.categories.map((name) => element('category', name)),
    entry.sourceName && entry.sourceUrl
      ? `<source url="${escapeXml(entry.sourceUrl)}">${escapeXml(entry.sourceName)}</source>`
      : '',
    entry.imageUrl ? `<media:content url="${escapeXml(entry.imageUrl)}" medium="image"/>` : '',
    '</item>',
  ].join('');
}

/** RSS 2.0 (with the content, dc, atom and media namespaces). */
export function renderRss(feed: FeedDocument): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.homeUrl),
    element('description', feed.description),
    `<atom:link href="${escapeXml(feed.links.rss)}" rel="self" type="application/rss+xml"/>`,
    element('language', feed.language),
    element('lastBuildDate', rfc822(feed.updatedAt)),
    '<generator>Newsfeed</generator>',
    '<docs>https://www.rssboard.org/rss-specification</docs>',
    ...feed.entries.map(renderItem),
    '</channel>',
    '</rss>\n',
  ].join('');
}
