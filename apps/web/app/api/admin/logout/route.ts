import { isSameOrigin, readCookie } from '../../../../lib/admin-guard';
import { SESSION_COOKIE } from '../../../../lib/admin-session';
import { webConfig } from '../../../../lib/env';
import { endSession } from '../../../../lib/session-store';

export const dynamic = 'force-dynamic';

/** POST /api/admin/logout: ends the session on the server (a copy of the cookie stops working) and forgets the cookie. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return new Response('Cross-site request refused.\n', { status: 403 });
  const token = webConfig().ADMIN_TOKEN;
  if (token) await endSession(token, readCookie(request, SESSION_COOKIE));
  return new Response(null, {
    status: 303,
    headers: {
      Location: '/',
      'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
    },
  });
}
