import { apiError, json, withApiErrors } from '../../../../../lib/api';
import { getDb } from '../../../../../lib/db';
import { renderSafeHtml } from '../../../../../lib/render-html';
import { parseId } from '../../../../../lib/story-filters';

export const dynamic = 'force-dynamic';

/** GET /api/v1/stories/:id : the story and every item in it, lead first; HTML re-sanitized. */
export const GET = withApiErrors(
  async (_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> => {
    const { id: rawId } = await context.params;
    const id = parseId(rawId);
    if (id === null)
      return apiError(400, 'invalid_id', `Story id must be a positive integer, got ${JSON.stringify(rawId)}`);
    const detail = await (await getDb()).stories.get(id);
    if (!detail) return apiError(404, 'not_found', `No story with id ${id}`);
    const items = detail.items.map((item) => ({
      ...item,
      contentHtml: item.contentHtml ? renderSafeHtml(item.contentHtml, { baseUrl: item.url }) : null,
    }));
    return json({ data: { story: detail.story, items } });
  },
);
