import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@newsfeed/db';
import { safeEqual } from '../admin-session';
import { getDb } from '../db';
import { webConfig } from '../env';

// Reader-app sign-in: ClientLogin trades a name and password for an Auth token sent as
// `Authorization: GoogleLogin auth=<token>`, kept as a session row keyed by its digest (deleting the
// row revokes it). State changes also carry the action token `T` from /token, derived from it.

const AUTH_HEADER = /^GoogleLogin\s+auth=(\S+)$/i;

function digest(purpose: string, secret: string): string {
  return createHash('sha256').update(`${purpose}:${secret}`).digest('base64url');
}

export async function issueAuthToken(user: User, now: Date = new Date()): Promise<string> {
  const secret = `${user.id}/${randomBytes(24).toString('base64url')}`;
  const sessions = (await getDb()).sessions;
  await sessions.removeExpired(now);
  await sessions.create({
    id: digest('greader', secret),
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + webConfig().WEB_API_TOKEN_DAYS * 86_400_000),
  });
  return secret;
}

/** The Auth token a request carries (header, or FreshRSS's `Authorization`-less clients: none). */
export function authTokenOf(request: Request): string | null {
  return AUTH_HEADER.exec(request.headers.get('authorization')?.trim() ?? '')?.[1] ?? null;
}

/** The signed-in user's id for a live Auth token, else null. */
export async function userIdForToken(token: string | null): Promise<number | null> {
  if (!token || token.length > 200) return null;
  const session = await (await getDb()).sessions.get(digest('greader', token));
  return session?.userId ?? null;
}

export function actionToken(authToken: string): string {
  return digest('action', authToken).slice(0, 40);
}

export function actionTokenMatches(authToken: string, submitted: string | null): boolean {
  return submitted !== null && safeEqual(submitted.trim(), actionToken(authToken));
}
