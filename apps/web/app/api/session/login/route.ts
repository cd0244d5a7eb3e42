import { clientKey, retryAfterHeaders } from '../../../../lib/admin-attempts';
import { isSameOrigin } from '../../../../lib/admin-guard';
import { field, readForm } from '../../../../lib/admin-response';
import { getDb } from '../../../../lib/db';
import { signInAttempts } from '../../../../lib/sign-in-attempts';
import { startUserSession, userSessionCookie } from '../../../../lib/user-session';

export const dynamic = 'force-dynamic';

function redirect(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  if (cookie) headers.set('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/** POST /api/session/login (form fields `name`, `password`): signs a reader in. */
export async function POST(request: Request): Promise<Response> {
  // A cross-site sign-in would put the victim in the attacker's account.
  if (!isSameOrigin(request)) return new Response('Cross-site request refused.\n', { status: 403 });
  const client = clientKey(request);
  const wait = signInAttempts().retryAfterSeconds(client);
  if (wait !== null)
    return new Response(`Too many wrong passwords: try again in ${wait} s.\n`, {
      status: 429,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', ...retryAfterHeaders(wait) },
    });
  const form = await readForm(request);
  const user = await (await getDb()).users.authenticate(
    field(form, 'name') ?? '',
    field(form, 'password') ?? '',
  );
  if (!user) {
    signInAttempts().recordFailure(client);
    return redirect('/signin?error=1');
  }
  const secure =
    new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return redirect('/', userSessionCookie(await startUserSession(user), secure));
}
