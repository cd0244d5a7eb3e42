import { apiLimit, json, pageBody, rejectProblem, withApiErrors } from '../../../../lib/api';
import { getDb } from '../../../../lib/db';
import { webConfig } from '../../../../lib/env';
import { parseStoryQuery, storyParamsProblem, toStoryFilter } from '../../../../lib/story-filters';

export const dynamic = 'force-dynamic';

/** GET /api/v1/stories?limit=&cursor=&source=&folder=&lang=&window= : ranked stories. */
export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const url = new URL(request.url);
  rejectProblem(storyParamsProblem(url.searchParams));
  const query = parseStoryQuery(url.searchParams);
  const db = await getDb();
  const page = await db.stories.listTop({
    ...toStoryFilter(query),
    limit: apiLimit(url, webConfig().WEB_PAGE_SIZE),
    cursor: query.cursor,
  });
  return json(pageBody(url, page.items, page.nextCursor));
});
