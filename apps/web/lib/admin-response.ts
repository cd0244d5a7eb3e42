import { retryAfterHeaders } from './admin-attempts';
import { type AdminAccess, wantsJson } from './admin-guard';
import { apiError, json } from './api';

/** The refusal: JSON for scripts, a short plain page for browsers (never a redirect that hides the status). */
export function refuse(request: Request, access: Extract<AdminAccess, { ok: false }>): Response {
  const response = wantsJson(request)
    ? apiError(access.status, access.code, access.message)
    : new Response(`${access.message}\n\nGo to /admin/login to sign in.\n`, {
        status: access.status,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
  if (access.status === 429) {
    for (const [name, value] of Object.entries(retryAfterHeaders(access.retryAfterSeconds)))
      response.headers.set(name, value);
  }
  return response;
}

/** After a form post: back to the admin page with a notice (303 so the browser GETs it). */
export function done(
  request: Request,
  access: AdminAccess,
  outcome: { ok: boolean; message: string; data?: unknown; status?: number },
): Response {
  if (wantsJson(request, access)) {
    return outcome.ok
      ? json({ data: outcome.data ?? null, message: outcome.message }, { status: outcome.status ?? 200 })
      : apiError(outcome.status ?? 400, 'admin_action_failed', outcome.message);
  }
  const target = new URL('/admin', request.url);
  target.searchParams.set(outcome.ok ? 'notice' : 'error', outcome.message);
  return new Response(null, { status: 303, headers: { Location: `${target.pathname}${target.search}` } });
}

/** A form field as a string, or null. */
export function field(form: FormData | null, name: string): string | null {
  const value = form?.get(name);
  return typeof value === 'string' ? value.trim() : null;
}

/** The request's form (urlencoded or multipart), or null when the body is something else. */
export async function readForm(request: Request): Promise<FormData | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data'))
    return null;
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** The fields of an admin POST: `text` trimmed, `raw` exactly as sent (a password). */
export interface AdminFields {
  text(name: string): string | null;
  raw(name: string): string | null;
}

/** Reads an admin POST's fields from its JSON body or its form, whichever it sent. */
export async function readAdminFields(request: Request): Promise<AdminFields> {
  const isJson = (request.headers.get('content-type') ?? '').includes('application/json');
  const form = isJson ? null : await readForm(request);
  const body = isJson ? ((await request.json().catch(() => null)) as Record<string, unknown> | null) : null;
  const raw = (name: string): string | null => {
    const value = isJson ? body?.[name] : form?.get(name);
    return typeof value === 'string' ? value : null;
  };
  return { raw, text: (name) => raw(name)?.trim() ?? null };
}
