import { OpmlParseError } from '@newsfeed/parser';
import { checkAdmin } from '../../../../lib/admin-guard';
import { done, field, readForm, refuse } from '../../../../lib/admin-response';
import { forgetCachedData } from '../../../../lib/cache/forget';
import { getDb } from '../../../../lib/db';
import { webConfig } from '../../../../lib/env';
import {
  describeImport,
  exportOpml,
  importIncomplete,
  importOpml,
  MAX_OPML_BYTES,
} from '../../../../lib/opml-io';

export const dynamic = 'force-dynamic';

/** GET /api/admin/opml: every subscription as an OPML download (reading only: no CSRF token needed). */
export async function GET(request: Request): Promise<Response> {
  const access = await checkAdmin(request, { mutation: false });
  if (!access.ok) return refuse(request, access);
  const opml = await exportOpml(await getDb(), `${webConfig().WEB_SITE_NAME} subscriptions`);
  return new Response(opml, {
    headers: {
      'Content-Type': 'text/x-opml; charset=utf-8',
      'Content-Disposition': 'attachment; filename="newsfeed-subscriptions.opml"',
      'Cache-Control': 'no-store',
    },
  });
}

/** Whether a body is the reading list itself, not form fields (curl --data-binary sends OPML as a form). */
function looksLikeXml(body: string): boolean {
  return /^\uFEFF?\s*</.test(body);
}

/**
 * The uploaded list and the form's CSRF field: a multipart upload's `file` (the admin page), a
 * form's `opml` field, or the raw body whatever its content type (scripts with a bearer token).
 */
async function readUpload(request: Request): Promise<{ text: string | null; csrf: string | null }> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('multipart/form-data')) {
    const form = await readForm(request);
    const file = form?.get('file');
    if (file instanceof File)
      return { text: file.size > MAX_OPML_BYTES ? null : await file.text(), csrf: field(form, 'csrf') };
    return { text: field(form, 'opml'), csrf: field(form, 'csrf') };
  }
  const body = await request.text();
  if (body.length > MAX_OPML_BYTES) return { text: null, csrf: null };
  if (looksLikeXml(body) || !type.includes('application/x-www-form-urlencoded'))
    return { text: body, csrf: null };
  const form = new URLSearchParams(body);
  return { text: form.get('opml'), csrf: form.get('csrf') };
}

/**
 * POST /api/admin/opml (multipart `file`, or the OPML as the body with any content type):
 * subscribes to every new feed in it; a list that was refused in part or repaired is answered as a
 * failure naming what was skipped, although what could be read is subscribed.
 */
export async function POST(request: Request): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  const tooLarge = declared > MAX_OPML_BYTES + 64 * 1024;
  const upload = tooLarge ? { text: null, csrf: null } : await readUpload(request);
  const access = await checkAdmin(request, { mutation: true, csrf: upload.csrf });
  if (!access.ok) return refuse(request, access);
  if (tooLarge) {
    return done(request, access, {
      ok: false,
      status: 413,
      message: `The OPML file is larger than ${MAX_OPML_BYTES} bytes.`,
    });
  }
  if (!upload.text?.trim()) {
    return done(request, access, {
      ok: false,
      message: `Choose an OPML file (at most ${MAX_OPML_BYTES} bytes) to import: a multipart upload's "file" field, or the OPML itself as the request body.`,
    });
  }
  try {
    const summary = await importOpml(await getDb(), upload.text);
    forgetCachedData();
    const incomplete = importIncomplete(summary);
    return done(request, access, {
      ok: !incomplete,
      ...(incomplete ? { status: 422 } : {}),
      data: summary,
      message: describeImport(summary),
    });
  } catch (error) {
    if (error instanceof OpmlParseError) {
      return done(request, access, {
        ok: false,
        message: `That file is not a readable OPML list: ${error.message}`,
      });
    }
    throw error;
  }
}
