import {
  createSession,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
  safeEqual,
} from '../../../../lib/admin-session';
import { isSameOrigin } from '../../../../lib/admin-guard';
import { field, readForm } from '../../../../lib/admin-response';
import { webConfig } from '../../../../lib/env';

export const dynamic = 'force-dynamic';

function redirect(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location });
  if (cookie) headers.set('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/** POST /api/admin/login (form field `token`): exchanges the admin token for a session cookie. */
export async function POST(request: Request): Promise<Response> {
  const token = webConfig().ADMIN_TOKEN;
  if (!token) return new Response('Admin is off: set ADMIN_TOKEN to enable it.\n', { status: 403 });
  // A cross-site login would sign the victim into the attacker's session: refuse it.
  if (!isSameOrigin(request)) return new Response('Cross-site request refused.\n', { status: 403 });
  const submitted = field(await readForm(request), 'token') ?? '';
  if (!safeEqual(submitted, token)) return redirect('/admin/login?error=1');
  const secure =
    new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const cookie = [
    `${SESSION_COOKIE}=${createSession(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
  return redirect('/admin', cookie);
}
