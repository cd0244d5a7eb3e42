import { escapeXml, type FeedDocument, type FeedEntry } from './feed-document';

function element(name: string, value: string | null | undefined): string {
  return value ? `<${name}>${escapeXml(value)}</${name}>` : '';
}

function renderEntry(entry: FeedEntry, fallbackAuthor: string): string {
  // Atom requires an author per entry unless the feed has one; the outlet is the honest fallback.
  const authors = entry.authors.length > 0 ? entry.authors : [entry.sourceName ?? fallbackAuthor];
  return [
    '<entry>',
    element('id', entry.id),
    `<title type="text">${escapeXml(entry.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
    // The other outlets' versions of the story (RFC 4287 "related"), each titled "Outlet: headline".
    ...(entry.coverage?.outlets ?? []).flatMap((outlet) =>
      outlet.url
        ? [
            `<link rel="related" type="text/html" href="${escapeXml(outlet.url)}" title="${escapeXml(`${outlet.name}: ${outlet.title}`)}"/>`,
          ]
        : [],
    ),
    element('published', entry.publishedAt),
    element('updated', entry.updatedAt ?? entry.publishedAt),
    ...authors.map((name) => `<author>${element('name', name)}</author>`),
    ...entry.categories.map((term) => `<category term="${escapeXml(term)}"/>`),
    entry.summary ? `<summary type="text">${escapeXml(entry.summary)}</summary>` : '',
    entry.contentHtml ? `<content type="html">${escapeXml(entry.contentHtml)}</content>` : '',
    entry.sourceName && entry.sourceUrl
      ? `<source><title>${escapeXml(entry.sourceName)}</title><link href="${escapeXml(entry.sourceUrl)}"/><id>${escapeXml(entry.sourceUrl)}</id></source>`
      : '',
    '</entry>',
  ].join('');
}

/** Atom 1.0 (RFC 4287). */
export function renderAtom(feed: FeedDocument): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<feed xmlns="http://www.w3.org/2005/Atom"${feed.language ? ` xml:lang="${escapeXml(feed.language)}"` : ''}>`,
    element('id', feed.links.atom),
    `<title type="text">${escapeXml(feed.title)}</title>`,
    `<subtitle type="text">${escapeXml(feed.description)}</subtitle>`,
    element('updated', feed.updatedAt),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.links.atom)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.homeUrl)}"/>`,
    '<generator>Newsfeed</generator>',
    ...feed.entries.map((entry) => renderEntry(entry, feed.title)),
    '</feed>\n',
  ].join('');
}
