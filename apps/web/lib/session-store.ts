import { createHash } from 'node:crypto';
import { createSession, SESSION_MAX_AGE_SECONDS, verifySession } from './admin-session';
import { getDb } from './db';

// Admin sessions are rows in the database as well as signed cookies: a cookie counts only while its
// row exists, so signing out ends it everywhere, even in a copy someone captured. The row's id is a
// digest of the cookie's random part, so the table alone cannot be turned back into cookies.

function rowId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

/** Starts a session: stores its row (and clears expired ones) and returns the cookie value. */
export async function startSession(token: string, now: Date = new Date()): Promise<string> {
  const cookie = createSession(token, now);
  const sessionId = verifySession(token, cookie, now);
  if (sessionId === null) throw new Error('a session just created failed its own check');
  const sessions = (await getDb()).sessions;
  await sessions.removeExpired(now);
  await sessions.create({
    id: rowId(sessionId),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
  });
  return cookie;
}

/** The session id when the cookie is genuine, unexpired and not signed out, else null. */
export async function activeSessionId(
  token: string,
  cookie: string | null | undefined,
  now: Date = new Date(),
): Promise<string | null> {
  const sessionId = verifySession(token, cookie, now);
  if (sessionId === null) return null;
  const row = await (await getDb()).sessions.get(rowId(sessionId), now);
  return row ? sessionId : null;
}

/** Ends the cookie's session, if it is one; whether there was one to end. */
export async function endSession(token: string, cookie: string | null | undefined): Promise<boolean> {
  const sessionId = verifySession(token, cookie);
  return sessionId !== null && (await getDb()).sessions.remove(rowId(sessionId));
}
