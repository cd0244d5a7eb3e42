import { DbError } from '@newsfeed/db';
import { checkAdmin } from '../../../../lib/admin-guard';
import { done, readAdminFields, refuse } from '../../../../lib/admin-response';
import { getDb } from '../../../../lib/db';

export const dynamic = 'force-dynamic';

/** POST /api/admin/users (form or JSON: `name`, `password`, optional `role` admin|reader): creates a reader account. */
export async function POST(request: Request): Promise<Response> {
  const fields = await readAdminFields(request);
  const access = await checkAdmin(request, { mutation: true, csrf: fields.text('csrf') });
  if (!access.ok) return refuse(request, access);

  const name = fields.text('name') ?? '';
  // The password is taken as typed: no trimming.
  const password = fields.raw('password') ?? '';
  const role = fields.text('role') === 'admin' ? 'admin' : 'reader';
  try {
    const user = await (await getDb()).users.add({ name, password, role });
    return done(request, access, {
      ok: true,
      status: 201,
      data: user,
      message: `Account ${user.name} (${user.role}) created.`,
    });
  } catch (error) {
    if (
      error instanceof DbError &&
      (error.code === 'INVALID_INPUT' || error.code === 'CONSTRAINT_VIOLATION')
    ) {
      const reason = error.message.replace(/^users\.add[^:]*: /, '');
      return done(request, access, {
        ok: false,
        status: error.code === 'CONSTRAINT_VIOLATION' ? 409 : 400,
        message: `Account not created: ${reason}.`,
      });
    }
    throw error;
  }
}
