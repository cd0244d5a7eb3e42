import { cookies } from 'next/headers';
import { getDb } from './db';
import { USER_SESSION_COOKIE, userCsrfToken, userIdForCookie } from './user-session';

export interface Reader {
  id: number;
  name: string;
  /** The token state-changing forms carry (CSRF). */
  csrf: string;
}

/** The signed-in reader looking at a page, or null for an anonymous visitor. */
export async function currentReader(): Promise<Reader | null> {
  const secret = (await cookies()).get(USER_SESSION_COOKIE)?.value;
  const userId = await userIdForCookie(secret);
  if (userId === null || !secret) return null;
  const user = await (await getDb()).users.get(userId);
  return user ? { id: user.id, name: user.name, csrf: userCsrfToken(secret) } : null;
}
