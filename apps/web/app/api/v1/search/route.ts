import { apiError, apiLimit, json, pageBody, rejectProblem, withApiErrors } from '../../../../lib/api';
import { getDb } from '../../../../lib/db';
import { webConfig } from '../../../../lib/env';
import { renderSnippetHtml } from '../../../../lib/render-html';
import { idParamProblem, parseId } from '../../../../lib/story-filters';

export const dynamic = 'force-dynamic';

/** GET /api/v1/search?q=&limit=&cursor=&source= : ranked full-text hits with highlighted snippets. */
export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const url = new URL(request.url);
  const query = url.searchParams.get('q')?.trim().slice(0, 200);
  if (!query) return apiError(400, 'missing_query', 'Pass the words to search for as ?q=');
  rejectProblem(idParamProblem(url.searchParams, 'source'));
  const feedId = parseId(url.searchParams.get('source'));
  const page = await (await getDb()).search.query({
    query,
    limit: apiLimit(url, webConfig().WEB_PAGE_SIZE),
    cursor: url.searchParams.get('cursor'),
    ...(feedId ? { feedId } : {}),
  });
  const hits = page.items.map((hit) => ({ ...hit, snippetHtml: renderSnippetHtml(hit.snippetHtml) }));
  return json(pageBody(url, hits, page.nextCursor));
});
