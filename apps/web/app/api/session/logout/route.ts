import { isSameOrigin, readCookie } from '../../../../lib/admin-guard';
import { endUserSession, USER_SESSION_COOKIE, userSessionCookie } from '../../../../lib/user-session';

export const dynamic = 'force-dynamic';

/** POST /api/session/logout: ends the reader's session on the server and forgets the cookie. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return new Response('Cross-site request refused.\n', { status: 403 });
  await endUserSession(readCookie(request, USER_SESSION_COOKIE));
  return new Response(null, {
    status: 303,
    headers: { Location: '/', 'Set-Cookie': userSessionCookie('', false), 'Cache-Control': 'no-store' },
  });
}
