import { SubscriptionUrlError, subscribableUrl } from '@newsfeed/parser/url';
import { checkAdmin } from '../../../../lib/admin-guard';
import { done, readAdminFields, refuse } from '../../../../lib/admin-response';
import { forgetCachedData } from '../../../../lib/cache/forget';
import { getDb } from '../../../../lib/db';

export const dynamic = 'force-dynamic';

/**
 * POST /api/admin/feeds (form or JSON: `url`, optional `folder`): subscribes to a feed URL or a
 * site URL by the rule the worker's `add` uses (subscribableUrl); for a site the worker finds the
 * feed the page links on its first poll.
 */
export async function POST(request: Request): Promise<Response> {
  const fields = await readAdminFields(request);
  const access = await checkAdmin(request, { mutation: true, csrf: fields.text('csrf') });
  if (!access.ok) return refuse(request, access);

  const rawUrl = fields.text('url') ?? '';
  const rawFolder = fields.text('folder');
  const folder = rawFolder?.trim().slice(0, 100) || null;
  let url: string;
  try {
    url = subscribableUrl(rawUrl);
  } catch (error) {
    if (error instanceof SubscriptionUrlError)
      return done(request, access, { ok: false, message: error.message });
    throw error;
  }
  const { feed, added } = await (await getDb()).subscriptions.subscribe({ url, folder });
  if (!added) {
    return done(request, access, {
      ok: false,
      status: 409,
      message: `Already subscribed to ${url} (source ${feed.id}).`,
    });
  }
  forgetCachedData();
  return done(request, access, {
    ok: true,
    status: 201,
    data: feed,
    message: `Subscribed to ${url}. The worker fetches it within a poll interval (a site URL is resolved to its feed).`,
  });
}
