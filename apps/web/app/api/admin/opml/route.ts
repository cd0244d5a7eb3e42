import { OpmlParseError } from '@newsfeed/parser';
import { checkAdmin } from '../../../../lib/admin-guard';
import { done, field, readForm, refuse } from '../../../../lib/admin-response';
import { getDb } from '../../../../lib/db';
import { webConfig } from '../../../../lib/env';
import { forgetFilterChoices } from '../../../../lib/filter-choices';
import { describeImport, exportOpml, importOpml, MAX_OPML_BYTES } from '../../../../lib/opml-io';

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

/** The uploaded list: the form's `file` field, or the raw body (scripts with a bearer token). */
async function uploadedText(request: Request, form: FormData | null): Promise<string | null> {
  if (form) {
    const file = form.get('file');
    if (file instanceof File) return file.size > MAX_OPML_BYTES ? null : await file.text();
    const text = form.get('opml');
    return typeof text === 'string' ? text : null;
  }
  const text = await request.text();
  return text.length > MAX_OPML_BYTES ? null : text;
}

/** POST /api/admin/opml (multipart `file`, or the OPML as the body): subscribes to every new feed in it. */
export async function POST(request: Request): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  const form = declared > MAX_OPML_BYTES + 64 * 1024 ? null : await readForm(request);
  const access = await checkAdmin(request, { mutation: true, csrf: field(form, 'csrf') });
  if (!access.ok) return refuse(request, access);
  if (declared > MAX_OPML_BYTES + 64 * 1024) {
    return done(request, access, {
      ok: false,
      status: 413,
      message: `The OPML file is larger than ${MAX_OPML_BYTES} bytes.`,
    });
  }
  const text = await uploadedText(request, form);
  if (!text?.trim()) {
    return done(request, access, {
      ok: false,
      message: `Choose an OPML file (at most ${MAX_OPML_BYTES} bytes) to import.`,
    });
  }
  try {
    const summary = await importOpml(await getDb(), text);
    forgetFilterChoices();
    return done(request, access, { ok: true, data: summary, message: describeImport(summary) });
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
