import { SESSION_COOKIE } from '../../../../lib/admin-session';
import { isSameOrigin } from '../../../../lib/admin-guard';

export const dynamic = 'force-dynamic';

/** POST /api/admin/logout: forgets the session cookie. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return new Response('Cross-site request refused.\n', { status: 403 });
  return new Response(null, {
    status: 303,
    headers: {
      Location: '/',
      'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
    },
  });
}
