import { apiLimit, json, pageBody, withApiErrors } from '../../../../lib/api';
import { getDb } from '../../../../lib/db';
import { withPublicErrors } from '../../../../lib/public-error';

export const dynamic = 'force-dynamic';

// Scheduling internals (leases, validators) stay private; readers get what the sources page shows.
const PUBLIC_FIELDS = [
  'id',
  'url',
  'title',
  'siteUrl',
  'iconUrl',
  'language',
  'folder',
  'itemCount',
  'lastSuccessAt',
  'nextPollAt',
  'errorCount',
  'lastError',
  'lastErrorAt',
  'disabled',
  'disabledReason',
  'createdAt',
] as const;

/** GET /api/v1/sources?limit=&cursor= : every feed with its item count and health. */
export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const url = new URL(request.url);
  const page = await (await getDb()).feeds.list({
    includeDisabled: true,
    limit: apiLimit(url, 100),
    cursor: url.searchParams.get('cursor'),
  });
  // Errors as categories: the worker's messages name resolved addresses and ports (lib/public-error.ts).
  const sources = page.items.map((feed) => {
    const shown = withPublicErrors(feed);
    return Object.fromEntries(PUBLIC_FIELDS.map((field) => [field, shown[field]]));
  });
  return json(pageBody(url, sources, page.nextCursor));
});
