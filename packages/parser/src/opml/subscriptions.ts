import { subscribableUrl } from '../url/subscribable-url.js';
import { SubscriptionUrlError } from '../url/subscription-url-error.js';
import { buildOpml } from './build-opml.js';
import { flattenOpml, OPML_FOLDER_SEPARATOR } from './flatten-opml.js';
import { readOpml } from './parse-opml.js';
import type { OpmlOutline, OpmlWarning } from './types.js';

// A reading list in and out as subscriptions, with the same rules for the worker's CLI and the web
// admin: every address through subscribableUrl, folders as "A/B", nothing dropped without a word.

/** Subscriptions taken from one list by default; the rest are counted in `overLimit`. */
export const DEFAULT_MAX_OPML_SUBSCRIPTIONS = 5_000;

/** A feed to subscribe to (or subscribed), as a reading list carries it. */
export interface Subscription {
  url: string;
  title: string | null;
  siteUrl: string | null;
  folder: string | null;
}

export interface RefusedSubscription {
  /** The address as the list wrote it. */
  xmlUrl: string;
  reason: string;
}

export interface SubscriptionList {
  title: string | null;
  /** Once per address, in document order. */
  subscriptions: Subscription[];
  /** Outlines whose address may not be subscribed. */
  refused: RefusedSubscription[];
  /** Markup that was repaired or could not be read: the list may hold more than was found. */
  warnings: OpmlWarning[];
  /** Subscriptions beyond `maxSubscriptions`, not returned. */
  overLimit: number;
}

export interface ReadSubscriptionsOptions {
  maxSubscriptions?: number;
}

/** Why subscribableUrl refuses an address (the URL policy dropped it while reading). */
function refusalReason(xmlUrl: string): string {
  try {
    subscribableUrl(xmlUrl);
  } catch (error) {
    if (error instanceof SubscriptionUrlError) return error.reason;
    throw error;
  }
  return 'not an absolute http(s) URL';
}

/**
 * The subscriptions of an OPML reading list, each address checked by subscribableUrl.
 * @throws OpmlParseError when the text is not OPML at all.
 */
export function readOpmlSubscriptions(
  text: string,
  options: ReadSubscriptionsOptions = {},
): SubscriptionList {
  const maxSubscriptions = options.maxSubscriptions ?? DEFAULT_MAX_OPML_SUBSCRIPTIONS;
  const { document, warnings } = readOpml(text);
  const list: SubscriptionList = {
    title: document.title,
    subscriptions: [],
    // A feed address the URL policy dropped while reading is a refused subscription, not a lost one.
    refused: warnings
      .filter((warning) => warning.code === 'URL_DROPPED' && warning.attribute === 'xmlUrl')
      .map((warning) => ({ xmlUrl: warning.value ?? '', reason: refusalReason(warning.value ?? '') })),
    warnings: warnings.filter(
      (warning) => !(warning.code === 'URL_DROPPED' && warning.attribute === 'xmlUrl'),
    ),
    overLimit: 0,
  };
  const seen = new Set<string>();
  for (const outline of flattenOpml(document)) {
    let url: string;
    try {
      url = subscribableUrl(outline.xmlUrl);
    } catch (error) {
      if (!(error instanceof SubscriptionUrlError)) throw error;
      list.refused.push({ xmlUrl: outline.xmlUrl, reason: error.reason });
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    if (list.subscriptions.length >= maxSubscriptions) list.overLimit++;
    else
      list.subscriptions.push({
        url,
        title: outline.title,
        siteUrl: outline.htmlUrl,
        folder: outline.folder,
      });
  }
  return list;
}

/** Subscriptions as an OPML 2.0 reading list, folders as nested outlines; readOpmlSubscriptions reads it back. */
export function subscriptionsOpml(title: string, subscriptions: Iterable<Subscription>): string {
  const top: OpmlOutline[] = [];
  const folders = new Map<string, OpmlOutline[]>();
  const folderChildren = (path: string): OpmlOutline[] => {
    const known = folders.get(path);
    if (known) return known;
    const parts = path.split(OPML_FOLDER_SEPARATOR);
    const name = parts.at(-1)!;
    const folder: OpmlOutline = {
      title: name,
      text: name,
      xmlUrl: null,
      htmlUrl: null,
      type: null,
      children: [],
    };
    (parts.length > 1 ? folderChildren(parts.slice(0, -1).join(OPML_FOLDER_SEPARATOR)) : top).push(folder);
    folders.set(path, folder.children);
    return folder.children;
  };
  for (const feed of subscriptions) {
    (feed.folder ? folderChildren(feed.folder) : top).push({
      title: feed.title,
      text: feed.title ?? feed.url,
      xmlUrl: feed.url,
      htmlUrl: feed.siteUrl,
      type: 'rss',
      children: [],
    });
  }
  return buildOpml({ title, outlines: top });
}
