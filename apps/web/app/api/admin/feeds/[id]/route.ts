import { checkAdmin } from '../../../../../lib/admin-guard';
import { done, field, readForm, refuse } from '../../../../../lib/admin-response';
import { forgetCachedData } from '../../../../../lib/cache/forget';
import { getDb } from '../../../../../lib/db';
import { parseId } from '../../../../../lib/story-filters';

export const dynamic = 'force-dynamic';

const ACTIONS = ['disable', 'enable', 'remove'] as const;
type Action = (typeof ACTIONS)[number];

/** POST /api/admin/feeds/:id (form: `action` = disable | enable | remove). */
export async function POST(
  request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<Response> {
  const form = await readForm(request);
  const access = await checkAdmin(request, { mutation: true, csrf: field(form, 'csrf') });
  if (!access.ok) return refuse(request, access);
  const { id: rawId } = await context.params;
  const id = parseId(rawId);
  const action = (field(form, 'action') ?? new URL(request.url).searchParams.get('action')) as Action | null;
  if (id === null)
    return done(request, access, { ok: false, message: `Not a source id: ${JSON.stringify(rawId)}` });
  if (!action || !ACTIONS.includes(action)) {
    return done(request, access, {
      ok: false,
      message: `Unknown action ${JSON.stringify(action)}; use ${ACTIONS.join(', ')}.`,
    });
  }
  const db = await getDb();
  const feed = await db.feeds.get(id);
  if (!feed) return done(request, access, { ok: false, status: 404, message: `No source with id ${id}.` });
  const name = feed.title ?? feed.url;
  forgetCachedData();
  if (action === 'remove') {
    await db.feeds.remove(id);
    return done(request, access, { ok: true, message: `Removed ${name} and its items.` });
  }
  if (action === 'disable') {
    const updated = await db.feeds.update(id, { disabled: true, disabledReason: 'Disabled by an admin' });
    return done(request, access, {
      ok: true,
      data: updated,
      message: `Disabled ${name}: it is no longer polled.`,
    });
  }
  // Re-enabling starts afresh: no inherited back-off, due at once.
  const updated = await db.feeds.update(id, {
    disabled: false,
    disabledReason: null,
    errorCount: 0,
    nextPollAt: new Date().toISOString(),
  });
  return done(request, access, {
    ok: true,
    data: updated,
    message: `Re-enabled ${name}: it is polled again now.`,
  });
}
