import { getDb } from '../../../../lib/db';
import { webConfig } from '../../../../lib/env';
import { backTo, badIds, formIds, readStateForm } from '../../../../lib/state-form';

export const dynamic = 'force-dynamic';

/** POST /api/state/stories-read (`story` ids, `csrf`, `back`): "mark all read up to here" on a page of stories. */
export async function POST(request: Request): Promise<Response> {
  const checked = await readStateForm(request);
  if (!checked.ok) return checked.response;
  const max = webConfig().WEB_GREADER_MAX_IDS;
  const ids = formIds(checked.form, 'story', max);
  if (!ids) return badIds('story', max);
  await (await getDb()).itemStates.markStoriesRead(checked.userId, ids);
  return backTo(checked.back);
}
