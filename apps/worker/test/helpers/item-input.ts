import type { ItemInput } from '@newsfeed/db';

/** An item as a poll would store it: titled, English, an hour old unless `fields` say otherwise. */
export function itemInput(key: string, fields: Partial<ItemInput> & { title: string }): ItemInput {
  return {
    key,
    guid: key,
    url: `https://news.example/${key}`,
    canonicalUrl: null,
    summary: null,
    contentHtml: null,
    contentText: null,
    authors: [],
    categories: [],
    enclosures: [],
    publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
    updatedAt: null,
    language: 'en',
    imageUrl: null,
    commentsUrl: null,
    wire: null,
    wordCount: 0,
    contentHash: null,
    simhash: null,
    ...fields,
  };
}
