import { DATA_IMAGE_PATTERN, LINK_SCHEMES, MEDIA_SCHEMES } from './html-policy.js';

// Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"), so
// the check does too, before parsing.
const IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u009f]+/g;
const HAS_IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u009f]/;

/**
 * The URL an attribute may keep, resolved against `baseUrl`, or null when it must go: a scheme that
 * can run code (javascript:, vbscript:), data: outside raster images, or anything unparseable.
 */
export function safeUrl(raw: string, kind: 'link' | 'media', baseUrl: string | undefined): string | null {
  const compact = HAS_IGNORED_IN_URL.test(raw)
    ? raw.replace(IGNORED_IN_URL, (match) => (/^ +$/.test(match) ? match : ''))
    : raw;
  const trimmed = compact.trim();
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
