import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Admin access: the operator proves they know ADMIN_TOKEN once (login form or Bearer header) and the
// browser holds a signed session cookie; changes made with it also need a CSRF token derived from
// the session, which another site can neither read nor forge.

export const SESSION_COOKIE = 'newsfeed_admin';
export const SESSION_MAX_AGE_SECONDS = 12 * 3600;

function sign(token: string, purpose: string, value: string): string {
  return createHmac('sha256', token).update(`${purpose}:${value}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A new session cookie value: random id, expiry, signature. */
export function createSession(token: string, now: Date = new Date()): string {
  const id = randomBytes(18).toString('base64url');
  const expires = Math.floor(now.getTime() / 1000) + SESSION_MAX_AGE_SECONDS;
  const body = `${id}.${expires}`;
  return `${body}.${sign(token, 'session', body)}`;
}

/** The session id when the cookie is genuine and unexpired, else null. */
export function verifySession(
  token: string,
  cookie: string | null | undefined,
  now: Date = new Date(),
): string | null {
  if (!cookie) return null;
  const [id, expires, signature] = cookie.split('.');
  if (!id || !expires || !signature || !/^\d+$/.test(expires)) return null;
  if (!safeEqual(signature, sign(token, 'session', `${id}.${expires}`))) return null;
  return Number(expires) * 1000 > now.getTime() ? id : null;
}

/** The CSRF token bound to one session: forms carry it in a hidden field. */
export function csrfToken(token: string, sessionId: string): string {
  return sign(token, 'csrf', sessionId);
}

export function verifyCsrf(token: string, sessionId: string, submitted: string | null | undefined): boolean {
  return typeof submitted === 'string' && safeEqual(submitted, csrfToken(token, sessionId));
}

/** `Authorization: Bearer TOKEN`: for scripts and curl, which carry no cookie and so need no CSRF token. */
export function bearerMatches(token: string, authorization: string | null | undefined): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match !== null && safeEqual(match[1]!.trim(), token);
}
