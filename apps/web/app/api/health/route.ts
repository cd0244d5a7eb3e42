import { json } from '../../../lib/api';
import { getDb } from '../../../lib/db';

export const dynamic = 'force-dynamic';

/** GET /api/health : 200 when the database answers, 503 (with the reason) when it does not. */
export async function GET(): Promise<Response> {
  const started = performance.now();
  try {
    const db = await getDb();
    const stats = await db.stats();
    return json({
      status: 'ok',
      engine: db.engine,
      stats,
      durationMs: Math.round(performance.now() - started),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return json({ status: 'error', error: { code: 'database_unavailable', message } }, { status: 503 });
  }
}
