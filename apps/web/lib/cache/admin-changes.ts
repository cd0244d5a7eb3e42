// A count of admin changes made by this server process. Every cached read has it in its key
// (change-marker.ts), so the first page view after an admin change reads afresh even before Next.js
// has applied the change's tag expiry, which it does after the admin route's response is sent.
// It lives on globalThis because route handlers and pages are bundled apart.
const KEY = Symbol.for('newsfeed.web.admin-changes');
type Holder = { [KEY]?: number };

/** How many admin changes this process has made. */
export function adminChanges(): number {
  return (globalThis as Holder)[KEY] ?? 0;
}

/** Counts an admin change: reads cached before it no longer match any key. */
export function countAdminChange(): void {
  const holder = globalThis as Holder;
  holder[KEY] = (holder[KEY] ?? 0) + 1;
}
