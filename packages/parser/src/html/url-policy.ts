import { DATA_IMAGE_PATTERN, LINK_SCHEMES, MEDIA_SCHEMES } from './html-policy.js';

// Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"), so
// the check does too, before parsing.
const IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u009f]+/g;
const HAS_IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u009f]/;

/** URLs longer than this are dropped: no real page address comes close, and they are stored. */
export const MAX_URL_CHARS = 8_192;

const HTTP_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Removes what browsers ignore inside a URL (tabs, newlines, controls), keeping inner spaces. */
function compactUrl(raw: string): string {
  return HAS_IGNORED_IN_URL.test(raw)
    ? raw.replace(IGNORED_IN_URL, (match) => (/^ +$/.test(match) ? match : ''))
    : raw;
}

/** Why httpUrlOrReason refused a URL (for the warning a caller records). */
export interface RefusedUrl {
  reason: string;
}

/**
 * `raw` resolved against `baseUrl` when it is an absolute http(s) URL of at most MAX_URL_CHARS,
 * else why not. The one rule for every URL the parser outputs (links, images, enclosures, feeds).
 */
export function httpUrlOrReason(raw: string, baseUrl?: string | null): string | RefusedUrl {
  const trimmed = compactUrl(raw).trim();
  if (!trimmed) return { reason: 'empty URL' };
  if (trimmed.length > MAX_URL_CHARS) return { reason: `URL longer than ${MAX_URL_CHARS} characters` };
  let parsed: URL;
  try {
    parsed = baseUrl ? new URL(trimmed, baseUrl) : new URL(trimmed);
  } catch {
    return { reason: baseUrl ? 'unparseable URL' : 'relative URL without a base' };
  }
  if (!HTTP_SCHEMES.has(parsed.protocol))
    return { reason: `${parsed.protocol} URL (only http and https are kept)` };
  if (parsed.href.length > MAX_URL_CHARS) return { reason: `URL longer than ${MAX_URL_CHARS} characters` };
  return parsed.href;
}

/**
 * `raw` as an absolute http(s) URL (resolved against `baseUrl`), or null: javascript:, data:,
 * file: and every other scheme, unparseable or over-long values. Apply it wherever a URL from
 * outside is stored or served.
 */
export function safeHttpUrl(raw: string | null | undefined, baseUrl?: string | null): string | null {
  if (raw === null || raw === undefined) return null;
  const result = httpUrlOrReason(raw, baseUrl);
  return typeof result === 'string' ? result : null;
}

/**
 * The URL an attribute may keep, resolved against `baseUrl`, or null when it must go: a scheme that
 * can run code (javascript:, vbscript:), data: outside raster images, or anything unparseable.
 */
export function safeUrl(raw: string, kind: 'link' | 'media', baseUrl: string | undefined): string | null {
  const trimmed = compactUrl(raw).trim();
  if (!trimmed) return null;
  if (/^data:/i.test(trimmed)) return kind === 'media' && DATA_IMAGE_PATTERN.test(trimmed) ? trimmed : null;
  let parsed: URL;
  try {
    parsed = baseUrl ? new URL(trimmed, baseUrl) : new URL(trimmed);
  } catch {
    // Relative without a base: keep it only when it has no scheme of its own.
    return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? null : trimmed;
  }
  const allowed = kind === 'link' ? LINK_SCHEMES : MEDIA_SCHEMES;
  return allowed.has(parsed.protocol) ? parsed.href : null;
}

/** `srcset` with each candidate's URL made safe; candidates that are not are dropped. */
export function safeSrcset(raw: string, baseUrl: string | undefined): string | null {
  const candidates: string[] = [];
  for (const candidate of raw.split(/,\s+/)) {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const safe = safeUrl(url, 'media', baseUrl);
    if (safe && !safe.startsWith('data:')) candidates.push([safe, ...descriptor].join(' '));
  }
  return candidates.length > 0 ? candidates.join(', ') : null;
}
