import { DbError, type NewsfeedDb, type StreamFilter, type StreamItem } from '@newsfeed/db';
import { SubscriptionUrlError } from '@newsfeed/parser/url';
import { clientKey } from '../admin-attempts';
import { forgetCachedData } from '../cache/forget';
import { getDb } from '../db';
import { webConfig } from '../env';
import { signInAttempts } from '../sign-in-attempts';
import { actionToken, actionTokenMatches, authTokenOf, issueAuthToken, userIdForToken } from './auth';
import { ItemIdError, parseItemId, shortItemId } from './item-ids';
import { itemJson, itemsAtom } from './item-json';
import { BodyTooLargeError, readParams } from './request-params';
import {
  feedStreamId,
  labelStreamId,
  parseStreamId,
  READ,
  READING_LIST,
  STARRED,
  StreamIdError,
  streamFilter,
} from './stream-ids';
import {
  applySubscriptionEdit,
  parseSubscriptionEdit,
  quickAdd,
  SubscriptionEditError,
} from './subscription-edit';

// The Google Reader API subset reader apps use, mounted at /api/greader.php like FreshRSS's. One
// handler per endpoint; `handleGreader` finds it by path, signs the request in, and turns bad input
// into 400s (bad ids, stream ids, continuations, counts) and a missing or dead token into 401.

export const GREADER_BASE_PATH = '/api/greader.php';
const STREAM_CONTENTS = '/reader/api/0/stream/contents';
const ATOM = '/reader/atom';
const KEPT_UNREAD = 'user/-/state/com.google/kept-unread';
const DEFAULT_PAGE_ITEMS = 20;

class BadRequest extends Error {}

interface Call {
  request: Request;
  params: URLSearchParams;
  /** The path after the base, e.g. `/reader/api/0/token`. */
  path: string;
  db: NewsfeedDb;
  userId: number;
  authToken: string;
}

type Handler = (call: Call) => Promise<Response>;

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
const TEXT_TYPE = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: JSON_TYPE });
const text = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { ...TEXT_TYPE, ...headers } });

function decodeStreamPath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequest('malformed %-escape in the stream id');
  }
}

function count(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new BadRequest(`${name} must be a positive integer`);
  return Math.min(Number(raw), max);
}

function seconds(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{1,12}$/.test(raw)) throw new BadRequest(`${name} must be a time in seconds`);
  return Number(raw) * 1000;
}

async function filterFor(db: NewsfeedDb, streamId: string): Promise<StreamFilter | null> {
  return streamFilter(parseStreamId(streamId), async (url) => (await db.feeds.getByUrl(url))?.id ?? null);
}

/** One page of a stream as the query parameters ask (n, c, xt, ot, nt, r). */
async function streamPage(
  call: Call,
  streamId: string,
): Promise<{ items: StreamItem[]; continuation: string | null }> {
  const { params, db, userId } = call;
  const filter = await filterFor(db, streamId);
  const limit = count(params, 'n', DEFAULT_PAGE_ITEMS, webConfig().WEB_GREADER_MAX_ITEMS);
  const since = seconds(params, 'ot');
  const until = seconds(params, 'nt');
  if (filter === null) return { items: [], continuation: null };
  const page = await db.itemStates.stream(userId, {
    ...filter,
    excludeRead: params.getAll('xt').includes(READ) || filter.excludeRead,
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    oldestFirst: params.get('r') === 'o',
    limit,
    cursor: params.get('c') || null,
  });
  return { items: page.items, continuation: page.nextCursor };
}

function itemIds(params: URLSearchParams): number[] {
  const raw = params.getAll('i');
  const max = webConfig().WEB_GREADER_MAX_IDS;
  if (raw.length > max) throw new BadRequest(`at most ${max} item ids per request (WEB_GREADER_MAX_IDS)`);
  return raw.map(parseItemId);
}

/** State changes need the action token from /token besides the Auth header. */
function requireActionToken(call: Call): Response | null {
  if (actionTokenMatches(call.authToken, call.params.get('T'))) return null;
  return text('Unauthorized!\n', 401, { 'X-Reader-Google-Bad-Token': 'true' });
}

/** A state-changing POST: the method, then the action token. */
function refuseChange(call: Call): Response | null {
  if (call.request.method !== 'POST') return text('POST required\n', 405, { Allow: 'POST' });
  return requireActionToken(call);
}

/** Subscription changes are an admin's, as on the admin page. */
async function refuseNonAdmin(call: Call): Promise<Response | null> {
  const user = await call.db.users.get(call.userId);
  return user?.role === 'admin' ? null : text('Forbidden: subscriptions are changed by an admin\n', 403);
}

async function allFeeds(db: NewsfeedDb) {
  const feeds = [];
  let cursor: string | null = null;
  do {
    const page = await db.feeds.list({ limit: 500, cursor, includeDisabled: true });
    feeds.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return feeds;
}

const API: Record<string, Handler> = {
  '/reader/api/0/token': async (call) => text(actionToken(call.authToken)),

  '/reader/api/0/user-info': async ({ db, userId }) => {
    const user = await db.users.get(userId);
    return json({
      userId: String(userId),
      userName: user?.name ?? '',
      userProfileId: String(userId),
      userEmail: '',
    });
  },

  '/reader/api/0/subscription/list': async ({ db }) =>
    json({
      subscriptions: (await allFeeds(db)).map((feed) => ({
        id: feedStreamId(feed.url),
        title: feed.title ?? feed.url,
        categories: feed.folder ? [{ id: labelStreamId(feed.folder), label: feed.folder }] : [],
        url: feed.url,
        htmlUrl: feed.siteUrl ?? feed.url,
        iconUrl: feed.iconUrl ?? '',
      })),
    }),

  '/reader/api/0/tag/list': async ({ db }) =>
    json({
      tags: [
        { id: STARRED },
        ...(await db.feeds.folders()).map((folder) => ({ id: labelStreamId(folder), type: 'folder' })),
      ],
    }),

  '/reader/api/0/unread-count': async ({ db, userId }) => {
    const rows: { id: string; count: number; newestItemTimestampUsec: string }[] = [];
    const labels = new Map<string, { count: number; newest: number }>();
    let total = 0;
    let newestAll = 0;
    for (const unread of await db.itemStates.unreadCounts(userId)) {
      rows.push({
        id: feedStreamId(unread.feedUrl),
        count: unread.count,
        newestItemTimestampUsec: String(unread.newest * 1000),
      });
      total += unread.count;
      newestAll = Math.max(newestAll, unread.newest);
      if (unread.folder) {
        const label = labels.get(unread.folder) ?? { count: 0, newest: 0 };
        labels.set(unread.folder, {
          count: label.count + unread.count,
          newest: Math.max(label.newest, unread.newest),
        });
      }
    }
    for (const [folder, label] of labels)
      rows.push({
        id: labelStreamId(folder),
        count: label.count,
        newestItemTimestampUsec: String(label.newest * 1000),
      });
    rows.push({ id: READING_LIST, count: total, newestItemTimestampUsec: String(newestAll * 1000) });
    return json({ max: total, unreadcounts: rows });
  },

  '/reader/api/0/stream/items/ids': async (call) => {
    const streamId = call.params.get('s');
    if (!streamId) throw new BadRequest('s (the stream id) is required');
    const page = await streamPage(call, streamId);
    return json({
      itemRefs: page.items.map((item) => ({
        id: shortItemId(item.id),
        directStreamIds: [feedStreamId(item.feedUrl)],
        timestampUsec: String(item.sortAt * 1000),
      })),
      ...(page.continuation ? { continuation: page.continuation } : {}),
    });
  },

  '/reader/api/0/stream/items/contents': async (call) => {
    const ids = itemIds(call.params);
    const { items } =
      ids.length === 0
        ? { items: [] }
        : await call.db.itemStates.stream(call.userId, { itemIds: ids, limit: ids.length });
    return json({ id: READING_LIST, updated: Math.floor(Date.now() / 1000), items: items.map(itemJson) });
  },

  '/reader/api/0/edit-tag': async (call) => {
    const refused = refuseChange(call);
    if (refused) return refused;
    const ids = itemIds(call.params);
    if (ids.length === 0) throw new BadRequest('i (item ids) is required');
    const add = call.params.getAll('a');
    const remove = call.params.getAll('r');
    const read = add.includes(READ)
      ? true
      : remove.includes(READ) || add.includes(KEPT_UNREAD)
        ? false
        : undefined;
    const starred = add.includes(STARRED) ? true : remove.includes(STARRED) ? false : undefined;
    await call.db.itemStates.mark(call.userId, ids, {
      ...(read !== undefined ? { read } : {}),
      ...(starred !== undefined ? { starred } : {}),
    });
    return text('OK');
  },

  '/reader/api/0/mark-all-as-read': async (call) => {
    const refused = refuseChange(call);
    if (refused) return refused;
    const streamId = call.params.get('s');
    if (!streamId) throw new BadRequest('s (the stream id) is required');
    const filter = await filterFor(call.db, streamId);
    const ts = call.params.get('ts');
    if (ts !== null && !/^\d{1,19}$/.test(ts)) throw new BadRequest('ts must be a time in microseconds');
    const upTo = ts ? Math.floor(Number(ts) / 1000) : Date.now();
    if (filter !== null) await call.db.itemStates.markAllRead(call.userId, filter, upTo);
    return text('OK');
  },

  '/reader/api/0/subscription/edit': async (call) => {
    const refused = refuseChange(call) ?? (await refuseNonAdmin(call));
    if (refused) return refused;
    const edit = parseSubscriptionEdit(call.params, webConfig().WEB_GREADER_MAX_IDS);
    await applySubscriptionEdit(call.db, edit);
    forgetCachedData();
    return text('OK');
  },

  '/reader/api/0/subscription/quickadd': async (call) => {
    const refused = refuseChange(call) ?? (await refuseNonAdmin(call));
    if (refused) return refused;
    const added = await quickAdd(call.db, call.params.get('quickadd'));
    forgetCachedData();
    return json(added);
  },
};

async function streamContents(call: Call, streamId: string): Promise<Response> {
  const page = await streamPage(call, streamId);
  return json({
    id: streamId,
    updated: Math.floor(Date.now() / 1000),
    items: page.items.map(itemJson),
    ...(page.continuation ? { continuation: page.continuation } : {}),
  });
}

async function atom(call: Call, streamId: string): Promise<Response> {
  const page = await streamPage(call, streamId);
  const ref = parseStreamId(streamId);
  const title = ref.kind === 'feed' ? ((await call.db.feeds.getByUrl(ref.url))?.title ?? ref.url) : streamId;
  return new Response(itemsAtom(streamId, title, page.items, page.continuation), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

async function clientLogin(request: Request, params: URLSearchParams): Promise<Response> {
  const client = clientKey(request);
  const wait = signInAttempts().retryAfterSeconds(client);
  if (wait !== null) return text('Error=TooManyAttempts\n', 429, { 'Retry-After': String(wait) });
  const user = await (await getDb()).users.authenticate(
    params.get('Email') ?? '',
    params.get('Passwd') ?? '',
  );
  if (!user) {
    signInAttempts().recordFailure(client);
    return text('Error=BadAuthentication\n', 401);
  }
  const token = await issueAuthToken(user);
  return text(`SID=${token}\nLSID=null\nAuth=${token}\n`);
}

function route(path: string): ((call: Call) => Promise<Response>) | null {
  const exact = API[path];
  if (exact) return exact;
  if (path.startsWith(`${STREAM_CONTENTS}/`))
    return (call) => streamContents(call, decodeStreamPath(path.slice(STREAM_CONTENTS.length + 1)));
  if (path === STREAM_CONTENTS) return (call) => streamContents(call, call.params.get('s') ?? READING_LIST);
  if (path.startsWith(`${ATOM}/`)) return (call) => atom(call, decodeStreamPath(path.slice(ATOM.length + 1)));
  return null;
}

function badRequest(error: unknown): Response | null {
  if (
    error instanceof BadRequest ||
    error instanceof ItemIdError ||
    error instanceof StreamIdError ||
    error instanceof SubscriptionEditError ||
    error instanceof SubscriptionUrlError ||
    (error instanceof DbError && (error.code === 'INVALID_CURSOR' || error.code === 'INVALID_INPUT'))
  )
    return text(`Error=BadRequest: ${(error as Error).message}\n`, 400);
  if (error instanceof BodyTooLargeError) return text(`${error.message}\n`, 413);
  return null;
}

/** Answers one request under GREADER_BASE_PATH. */
export async function handleGreader(request: Request): Promise<Response> {
  const pathname = new URL(request.url).pathname;
  const path = pathname.slice(pathname.indexOf(GREADER_BASE_PATH) + GREADER_BASE_PATH.length);
  try {
    const params = await readParams(request);
    if (path === '/accounts/ClientLogin')
      // POST only: a password in a query string ends up in access logs and browser history.
      return request.method === 'POST'
        ? await clientLogin(request, params)
        : text('POST required\n', 405, { Allow: 'POST' });
    const handler = route(path);
    if (!handler) return text('Not found\n', 404);
    const authToken = authTokenOf(request);
    const userId = await userIdForToken(authToken);
    if (userId === null || authToken === null) return text('Unauthorized!\n', 401);
    return await handler({ request, params, path, db: await getDb(), userId, authToken });
  } catch (error) {
    const refusal = badRequest(error);
    if (refusal) return refusal;
    throw error;
  }
}
