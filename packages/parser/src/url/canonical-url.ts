import { isTrackingParam } from './tracking-params.js';
import { InvalidUrlError } from './url-error.js';

const WEB_PROTOCOLS = new Set(['http:', 'https:']);

function parseUrl(url: string, base?: string): URL {
  const trimmed = url.trim();
  try {
    return base ? new URL(trimmed, base) : new URL(trimmed);
  } catch (cause) {
    throw new InvalidUrlError(url, base, { cause });
  }
}

/**
 * The canonical form of a web address: absolute (resolved against `base`), lower-case host, no
 * default port, no fragment, no tracking parameters. Idempotent: canonicalUrl(canonicalUrl(x)) is
 * canonicalUrl(x). Non-web schemes (mailto:, urn:) are only resolved and serialized.
 * @throws InvalidUrlError when the input is not a URL even against `base`.
 */
export function canonicalUrl(url: string, base?: string): string {
  const parsed = parseUrl(url, base);
  if (!WEB_PROTOCOLS.has(parsed.protocol)) return parsed.href;
  parsed.hash = '';
  // WHATWG URL lower-cases the host and drops default ports; a trailing dot on the host is the
  // same DNS name, so it goes too.
  if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.replace(/\.+$/, '');
  for (const name of [...parsed.searchParams.keys()]) {
    if (isTrackingParam(name)) parsed.searchParams.delete(name);
  }
  // searchParams rewrites the query only when touched; an emptied query must not leave a bare "?".
  if (parsed.searchParams.size === 0) parsed.search = '';
  return parsed.href;
}

/** Like canonicalUrl, but null instead of an error for input that is not a URL. */
export function tryCanonicalUrl(url: string | null | undefined, base?: string | null): string | null {
  if (!url?.trim()) return null;
  try {
    return canonicalUrl(url, base ?? undefined);
  } catch {
    return null;
  }
}

/**
 * A key under which trivially different addresses of the same page compare equal: the canonical
 * URL without its scheme, without a leading "www.", without a trailing slash, with the query
 * sorted. For identity (de-duplication), not for display or fetching.
 */
export function urlIdentity(url: string, base?: string): string {
  const parsed = new URL(canonicalUrl(url, base));
  if (!WEB_PROTOCOLS.has(parsed.protocol)) return parsed.href;
  parsed.searchParams.sort();
  const host = parsed.host.replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${host}${path}${parsed.search}`;
}
