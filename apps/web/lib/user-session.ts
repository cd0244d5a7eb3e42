import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@newsfeed/db';
import { readCookie } from './admin-guard';
import { SESSION_MAX_AGE_SECONDS, safeEqual } from './admin-session';
import { getDb } from './db';

// A reader's web sign-in: the cookie holds a random secret, the `sessions` table a digest of it
// with the user's id, so signing out (or `user remove`) ends the session everywhere. Forms that
// change state carry a token derived from the secret (CSRF), besides the Origin check.

export const USER_SESSION_COOKIE = 'newsfeed_session';

function digest(purpose: string, secret: string): string {
  return createHash('sha256').update(`${purpose}:${secret}`).digest('base64url');
}

/** Starts a session for `user` and returns the cookie's value. */
export async function startUserSession(user: User, now: Date = new Date()): Promise<string> {
  const secret = randomBytes(24).toString('base64url');
  const sessions = (await getDb()).sessions;
  await sessions.removeExpired(now);
  await sessions.create({
    id: digest('user', secret),
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
  });
  return secret;
}

/** The user id behind a session cookie value, while its row lives; else null. */
export async function userIdForCookie(secret: string | null | undefined): Promise<number | null> {
  if (!secret || secret.length > 100) return null;
  const session = await (await getDb()).sessions.get(digest('user', secret));
  return session?.userId ?? null;
}

export async function userIdOf(request: Request): Promise<number | null> {
  return userIdForCookie(readCookie(request, USER_SESSION_COOKIE));
}

export async function endUserSession(secret: string | null | undefined): Promise<void> {
  if (secret) await (await getDb()).sessions.remove(digest('user', secret));
}

export function userCsrfToken(secret: string): string {
  return digest('user-csrf', secret);
}

export function userCsrfMatches(secret: string, submitted: string | null): boolean {
  return submitted !== null && safeEqual(submitted, userCsrfToken(secret));
}

/** The Set-Cookie value for a session (empty value: forget it). */
export function userSessionCookie(value: string, secure: boolean): string {
  return [
    `${USER_SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    // Lax: a link from elsewhere still opens the signed-in page; state changes check Origin and a token.
    'SameSite=Lax',
    `Max-Age=${value ? SESSION_MAX_AGE_SECONDS : 0}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
