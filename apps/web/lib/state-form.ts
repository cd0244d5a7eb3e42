import { isSameOrigin, readCookie } from './admin-guard';
import { readForm } from './admin-response';
import { USER_SESSION_COOKIE, userCsrfMatches, userIdForCookie } from './user-session';

// The checks every state-changing form of a signed-in reader passes: same origin, a live session,
// and the session's form token (CSRF). Ids are positive integers, at most WEB_GREADER_MAX_IDS.

export type StateForm =
  | { ok: true; userId: number; form: FormData; back: string }
  | { ok: false; response: Response };

function refuse(status: number, message: string): { ok: false; response: Response } {
  return {
    ok: false,
    response: new Response(`${message}\n`, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    }),
  };
}

/** Only a path on this site: never `//host` or a full URL (an open redirect). */
export function localPath(raw: string | null): string {
  return raw && /^\/(?!\/)[^\s\\]*$/.test(raw) ? raw : '/';
}

export async function readStateForm(request: Request): Promise<StateForm> {
  if (!isSameOrigin(request)) return refuse(403, 'Cross-site request refused.');
  const secret = readCookie(request, USER_SESSION_COOKIE);
  const userId = await userIdForCookie(secret);
  if (userId === null || !secret) return refuse(401, 'Sign in first.');
  const form = await readForm(request);
  const csrf = form?.get('csrf');
  if (!form || !userCsrfMatches(secret, typeof csrf === 'string' ? csrf : null))
    return refuse(403, 'Missing or stale form token: reload the page and try again.');
  const back = form.get('back');
  return { ok: true, userId, form, back: localPath(typeof back === 'string' ? back : null) };
}

/** The form's ids under `name`, or null when one is not a positive integer or there are more than `max`. */
export function formIds(form: FormData, name: string, max: number): number[] | null {
  const raw = form.getAll(name);
  if (raw.length === 0 || raw.length > max) return null;
  const ids = raw.map((value) =>
    typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : NaN,
  );
  return ids.every(Number.isSafeInteger) ? ids : null;
}

export function backTo(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

export function badIds(name: string, max: number): Response {
  return new Response(`${name}: 1 to ${max} positive integer ids required.\n`, {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
