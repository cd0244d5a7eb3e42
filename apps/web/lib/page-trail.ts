// Cursors only lead forward. A later front page carries the cursors of the pages before it in `back`
// (dot-separated), so it can link to the newer page as well as to the first one. Not part of the
// page's cache key: the stories of a page depend on its cursor alone.

/** Newer pages remembered; past this the oldest are forgotten (their "Newer" skips back further). */
export const MAX_PAGE_TRAIL = 20;
/** The URL parameter holding the trail. */
export const TRAIL_PARAM = 'back';
/** A cursor as the db makes them (base64url), of a sane length. */
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** The trail's cursors, oldest first; a malformed trail is ignored (the page then links to the first). */
export function parseTrail(raw: string | null): string[] {
  if (!raw) return [];
  const cursors = raw.split('.');
  return cursors.every((cursor) => CURSOR.test(cursor)) ? cursors.slice(-MAX_PAGE_TRAIL) : [];
}

/** `queryString` (from storyQueryString: empty or starting with ?) with the trail added. */
export function withTrail(queryString: string, trail: readonly string[]): string {
  if (trail.length === 0) return queryString;
  const param = `${TRAIL_PARAM}=${trail.slice(-MAX_PAGE_TRAIL).join('.')}`;
  return queryString ? `${queryString}&${param}` : `?${param}`;
}
