import { cookies } from 'next/headers';
import { csrfToken, SESSION_COOKIE } from './admin-session';
import { webConfig } from './env';
import { activeSessionId } from './session-store';

export type AdminPageState =
  | { state: 'off' }
  | { state: 'signed-out' }
  | { state: 'signed-in'; csrf: string };

/** Who is looking at an admin page: admin off, not signed in, or signed in (with the form token). */
export async function adminPageState(): Promise<AdminPageState> {
  const token = webConfig().ADMIN_TOKEN;
  if (!token) return { state: 'off' };
  const sessionId = await activeSessionId(token, (await cookies()).get(SESSION_COOKIE)?.value);
  return sessionId === null
    ? { state: 'signed-out' }
    : { state: 'signed-in', csrf: csrfToken(token, sessionId) };
}
