import type { Feed, NewsfeedDb } from '@newsfeed/db';
import { SubscriptionUrlError, subscribableUrl } from '@newsfeed/parser/url';
import { FEED_PREFIX, feedStreamId, parseStreamId } from './stream-ids';

// Subscription changes from a reader app (admins only; handlers.ts checks the role and the action
// token): `subscription/edit` with ac=subscribe|unsubscribe|edit, s=feed/<URL> (repeatable), t=title,
// a=user/-/label/<folder> to file it, r=user/-/label/<folder> to take it out; and
// `subscription/quickadd` with quickadd=<URL>. Shapes follow the Google Reader API as FreshRSS and
// Miniflux serve it (README, "Google Reader API"). Addresses pass the admin page's rule
// (subscribableUrl); subscribing only stores the feed: the worker fetches it on its next poll.

/** Longest folder name, as on the admin page's subscribe form. */
export const FOLDER_MAX_CHARS = 100;
/** Longest title a client may set. */
export const TITLE_MAX_CHARS = 300;

const ACTIONS = ['subscribe', 'unsubscribe', 'edit'] as const;
type Action = (typeof ACTIONS)[number];

export class SubscriptionEditError extends Error {
  readonly code = 'BAD_SUBSCRIPTION_EDIT';
  constructor(message: string) {
    super(message);
    this.name = 'SubscriptionEditError';
  }
}

export interface SubscriptionEdit {
  action: Action;
  /** Feed URLs, from `s=feed/<URL>`. */
  urls: string[];
  /** `t`, matched to `s` by position. */
  titles: (string | null)[];
  /** The folder `a` files the feeds in. */
  addFolder: string | null;
  /** The folder `r` takes them out of. */
  removeFolder: string | null;
}

export interface QuickAddResult {
  query: string;
  numResults: number;
  streamId: string;
  streamName: string;
}

function folderOf(label: string | null, name: 'a' | 'r'): string | null {
  if (label === null || label === '') return null;
  const ref = parseStreamId(label);
  if (ref.kind !== 'label') throw new SubscriptionEditError(`${name} must be user/-/label/<folder>`);
  const folder = ref.name.trim();
  if (folder === '' || folder.length > FOLDER_MAX_CHARS)
    throw new SubscriptionEditError(`a folder name is 1 to ${FOLDER_MAX_CHARS} characters`);
  return folder;
}

function titleOf(raw: string | undefined): string | null {
  const title = raw?.trim() ?? '';
  if (title.length > TITLE_MAX_CHARS)
    throw new SubscriptionEditError(`a title is at most ${TITLE_MAX_CHARS} characters`);
  return title === '' ? null : title;
}

/** Reads and checks the parameters of `subscription/edit`; at most `maxStreams` feeds per request. */
export function parseSubscriptionEdit(params: URLSearchParams, maxStreams: number): SubscriptionEdit {
  const action = params.get('ac') as Action | null;
  if (!action || !ACTIONS.includes(action))
    throw new SubscriptionEditError(`ac must be one of ${ACTIONS.join(', ')}`);
  const streams = params.getAll('s');
  if (streams.length === 0) throw new SubscriptionEditError('s (feed/<URL>) is required');
  if (streams.length > maxStreams)
    throw new SubscriptionEditError(`at most ${maxStreams} streams per request (WEB_GREADER_MAX_IDS)`);
  const urls = streams.map((stream) => {
    const ref = parseStreamId(stream);
    if (ref.kind !== 'feed') throw new SubscriptionEditError('s must be feed/<URL>');
    return ref.url;
  });
  const titles = params.getAll('t');
  return {
    action,
    urls,
    titles: urls.map((_, index) => titleOf(titles[index])),
    addFolder: folderOf(params.get('a'), 'a'),
    removeFolder: folderOf(params.get('r'), 'r'),
  };
}

/** The subscribed feed a client names: its stored URL, or that URL as the subscribe rule writes it. */
async function subscribedFeed(db: NewsfeedDb, url: string): Promise<Feed> {
  const exact = await db.feeds.getByUrl(url);
  if (exact) return exact;
  let normalised: string | null = null;
  try {
    normalised = subscribableUrl(url);
  } catch (error) {
    if (!(error instanceof SubscriptionUrlError)) throw error;
  }
  const feed = normalised === null ? null : await db.feeds.getByUrl(normalised);
  if (!feed) throw new SubscriptionEditError(`not subscribed: ${url.slice(0, 200)}`);
  return feed;
}

/** The folder after the edit: `a` files it, `r` of its current folder takes it out, else unchanged. */
function folderAfter(feed: Feed, edit: SubscriptionEdit): string | null | undefined {
  if (edit.addFolder !== null) return edit.addFolder;
  if (edit.removeFolder !== null && feed.folder === edit.removeFolder) return null;
  return undefined;
}

/** Applies a checked edit; every feed is checked before the first change, so a bad one changes nothing. */
export async function applySubscriptionEdit(db: NewsfeedDb, edit: SubscriptionEdit): Promise<void> {
  if (edit.action === 'subscribe') {
    const urls = edit.urls.map((url) => subscribableUrl(url));
    for (const [index, url] of urls.entries())
      await db.subscriptions.subscribe({ url, title: edit.titles[index] ?? null, folder: edit.addFolder });
    return;
  }
  const feeds = await Promise.all(edit.urls.map((url) => subscribedFeed(db, url)));
  for (const [index, feed] of feeds.entries()) {
    if (edit.action === 'unsubscribe') {
      await db.feeds.remove(feed.id);
      continue;
    }
    const title = edit.titles[index];
    const folder = folderAfter(feed, edit);
    await db.feeds.update(feed.id, {
      ...(title ? { title } : {}),
      ...(folder !== undefined ? { folder } : {}),
    });
  }
}

/** `subscription/quickadd`: subscribes to one address (already subscribed counts as found). */
export async function quickAdd(db: NewsfeedDb, query: string | null): Promise<QuickAddResult> {
  if (!query?.trim()) throw new SubscriptionEditError('quickadd (a feed URL) is required');
  const trimmed = query.trim();
  const url = subscribableUrl(trimmed.startsWith(FEED_PREFIX) ? trimmed.slice(FEED_PREFIX.length) : trimmed);
  const { feed } = await db.subscriptions.subscribe({ url });
  return {
    query: trimmed,
    numResults: 1,
    streamId: feedStreamId(feed.url),
    streamName: feed.title ?? feed.url,
  };
}
