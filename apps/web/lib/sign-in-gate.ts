import { userIdOf } from './user-session';

// WEB_REQUIRE_SIGN_IN: which paths an anonymous visitor may still reach (signing in, the reader-app
// API with its own tokens, admin with its own token, health checks and static files), and the answer
// for every other one: pages redirect to /signin, everything else is 401.

const OPEN_PATHS =
  /^\/(?:signin$|api\/session\/|api\/greader\.php\/|api\/health$|admin(?:\/|$)|api\/admin\/|_next\/|icon\.svg$|robots\.txt$|favicon\.ico$)/;
const NON_PAGE_PATHS = /^\/(?:api\/|feed\.xml$|atom\.xml$|feed\.json$)/;

export function needsSignIn(pathname: string): boolean {
  return !OPEN_PATHS.test(pathname);
}

/** The refusal for an anonymous request to a closed path, or null when it may pass. */
export async function signInRefusal(request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  if (!needsSignIn(url.pathname) || (await userIdOf(request)) !== null) return null;
  if (NON_PAGE_PATHS.test(url.pathname))
    return new Response('Sign in first.\n', {
      status: 401,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  return new Response(null, { status: 303, headers: { Location: '/signin', 'Cache-Control': 'no-store' } });
}
