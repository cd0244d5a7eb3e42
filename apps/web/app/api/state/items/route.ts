import { getDb } from '../../../../lib/db';
import { webConfig } from '../../../../lib/env';
import { backTo, badIds, formIds, readStateForm } from '../../../../lib/state-form';

export const dynamic = 'force-dynamic';

const CHANGES = {
  save: { starred: true },
  unsave: { starred: false },
  read: { read: true },
  unread: { read: false },
} as const;

/** POST /api/state/items (`item` ids, `action` save|unsave|read|unread, `csrf`, `back`): one reader's item state. */
export async function POST(request: Request): Promise<Response> {
  const checked = await readStateForm(request);
  if (!checked.ok) return checked.response;
  const action = checked.form.get('action');
  const change = typeof action === 'string' ? CHANGES[action as keyof typeof CHANGES] : undefined;
  if (!change) return new Response('action must be save, unsave, read or unread.\n', { status: 400 });
  const max = webConfig().WEB_GREADER_MAX_IDS;
  const ids = formIds(checked.form, 'item', max);
  if (!ids) return badIds('item', max);
  await (await getDb()).itemStates.mark(checked.userId, ids, change);
  return backTo(checked.back);
}
