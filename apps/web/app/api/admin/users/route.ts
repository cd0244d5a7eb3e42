import { DbError } from '@newsfeed/db';
import { checkAdmin } from '../../../../lib/admin-guard';
import { done, field, readForm, refuse } from '../../../../lib/admin-response';
import { getDb } from '../../../../lib/db';

export const dynamic = 'force-dynamic';

/** POST /api/admin/users (form or JSON: `name`, `password`, optional `role` admin|reader): creates a reader account. */
export async function POST(request: Request): Promise<Response> {
  const isJson = (request.headers.get('content-type') ?? '').includes('application/json');
  const form = isJson ? null : await readForm(request);
  const body = isJson ? ((await request.json().catch(() => null)) as Record<string, unknown> | null) : null;
  const access = await checkAdmin(request, { mutation: true, csrf: field(form, 'csrf') });
  if (!access.ok) return refuse(request, access);

  const name = (typeof body?.name === 'string' ? body.name : field(form, 'name')) ?? '';
  // The password is taken as typed: no trimming.
  const rawPassword = typeof body?.password === 'string' ? body.password : form?.get('password');
  const password = typeof rawPassword === 'string' ? rawPassword : '';
  const role =
    (typeof body?.role === 'string' ? body.role : field(form, 'role')) === 'admin' ? 'admin' : 'reader';
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
