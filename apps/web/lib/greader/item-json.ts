import type { StreamItem } from '@newsfeed/db';
import { longItemId } from './item-ids';
import { feedStreamId, LABEL_PREFIX, READ, READING_LIST, STARRED } from './stream-ids';

// An item as Google Reader's stream/contents described it (see the README's Google Reader API
// section for the descriptions followed), plus `newsfeedStoryId`: the story the item belongs to, so
// a client can group each outlet's copy of one story.

const FRESH = 'user/-/state/com.google/fresh';

export function itemCategories(item: StreamItem): string[] {
  return [
    READING_LIST,
    ...(item.feedFolder ? [`${LABEL_PREFIX}${item.feedFolder}`] : []),
    item.read ? READ : FRESH,
    ...(item.starred ? [STARRED] : []),
  ];
}

function publishedMs(item: StreamItem): number {
  return item.publishedAt ? Date.parse(item.publishedAt) : item.sortAt;
}

export function itemJson(item: StreamItem) {
  const published = publishedMs(item);
  const updated = item.updatedAt ? Date.parse(item.updatedAt) : published;
  const link = item.url ? [{ href: item.url, type: 'text/html' }] : [];
  return {
    id: longItemId(item.id),
    crawlTimeMsec: String(Date.parse(item.firstSeenAt)),
    timestampUsec: String(item.sortAt * 1000),
    published: Math.floor(published / 1000),
    updated: Math.floor(updated / 1000),
    title: item.title,
    canonical: link,
    alternate: link,
    categories: itemCategories(item),
    origin: {
      streamId: feedStreamId(item.feedUrl),
      title: item.feed.title ?? item.feedUrl,
      htmlUrl: item.feed.siteUrl ?? item.feedUrl,
    },
    summary: { direction: 'ltr', content: item.contentHtml ?? item.summary ?? '' },
    author: item.authors[0]?.name ?? '',
    newsfeedStoryId: item.storyId,
  };
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const READER_SCHEME = 'http://www.google.com/reader/';

/** The same items as an Atom feed (`/reader/atom/<stream>`), read state in Google's categories. */
export function itemsAtom(
  streamId: string,
  title: string,
  items: StreamItem[],
  continuation: string | null,
): string {
  const entries = items.map((item) => {
    const state = item.read
      ? `<category term="${READ}" scheme="${READER_SCHEME}" label="read"/>`
      : `<category term="user/-/state/com.google/fresh" scheme="${READER_SCHEME}" label="fresh"/>`;
    const starred = item.starred
      ? `<category term="${STARRED}" scheme="${READER_SCHEME}" label="starred"/>`
      : '';
    const published = new Date(publishedMs(item)).toISOString();
    return [
      '<entry>',
      `<id>${longItemId(item.id)}</id>`,
      `<title type="html">${xml(item.title)}</title>`,
      `<published>${published}</published>`,
      `<updated>${item.updatedAt ?? published}</updated>`,
      item.url ? `<link rel="alternate" href="${xml(item.url)}" type="text/html"/>` : '',
      item.authors[0]?.name ? `<author><name>${xml(item.authors[0].name)}</name></author>` : '',
      `<content type="html">${xml(item.contentHtml ?? item.summary ?? '')}</content>`,
      state,
      starred,
      `<source><id>tag:google.com,2005:reader/${xml(feedStreamId(item.feedUrl))}</id><title>${xml(item.feed.title ?? item.feedUrl)}</title></source>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gr="http://www.google.com/schemas/reader/atom/">',
    `<id>tag:google.com,2005:reader/${xml(streamId)}</id>`,
    `<title>${xml(title)}</title>`,
    `<updated>${new Date().toISOString()}</updated>`,
    continuation ? `<gr:continuation>${xml(continuation)}</gr:continuation>` : '',
    ...entries,
    '</feed>',
  ].join('\n');
}
