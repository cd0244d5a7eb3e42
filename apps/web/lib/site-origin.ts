import { headers } from 'next/headers';
import { type WebConfig, webConfig } from './env';

// The origin this site's absolute URLs (feeds out, Open Graph, same-origin checks) are built from.
// X-Forwarded-* come from whoever sent the request unless a proxy we trust (WEB_TRUST_PROXY) set
// them: a forged X-Forwarded-Host must never reach a page or feed that caches may share.

type HeaderGetter = (name: string) => string | null;
type OriginConfig = Pick<WebConfig, 'WEB_PUBLIC_URL' | 'WEB_TRUST_PROXY'>;

/** A host[:port] as a Host header may carry it; anything else (quotes, paths, spaces) is not a host. */
const HOST_SYNTAX =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function firstValue(value: string | null): string | null {
  const first = value?.split(',')[0]?.trim();
  return first ? first : null;
}

/** The host the request names: the trusted proxy's X-Forwarded-Host, else Host; null when malformed. */
export function requestHost(get: HeaderGetter, config: OriginConfig = webConfig()): string | null {
  const forwarded = config.WEB_TRUST_PROXY ? firstValue(get('x-forwarded-host')) : null;
  const host = forwarded ?? firstValue(get('host'));
  return host !== null && HOST_SYNTAX.test(host) ? host.toLowerCase() : null;
}

/** The origin of this site as its readers see it: WEB_PUBLIC_URL, else the request's own host. */
export function originFromHeaders(get: HeaderGetter, config: OriginConfig = webConfig()): string {
  const configured = config.WEB_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const proto = config.WEB_TRUST_PROXY ? firstValue(get('x-forwarded-proto')) : null;
  return `${proto === 'https' ? 'https' : 'http'}://${requestHost(get, config) ?? 'localhost'}`;
}

/**
 * The request headers (besides Host, which is part of every cache's key) that the origin was built
 * from, for a `Vary` header on any response a shared cache may keep; null when none.
 */
export function originVary(config: OriginConfig = webConfig()): string | null {
  return !config.WEB_PUBLIC_URL && config.WEB_TRUST_PROXY ? 'X-Forwarded-Host, X-Forwarded-Proto' : null;
}

/** For server components and metadata. */
export async function siteOrigin(): Promise<string> {
  const list = await headers();
  return originFromHeaders((name) => list.get(name));
}

/** For route handlers. */
export function requestOrigin(request: Request): string {
  return originFromHeaders((name) => request.headers.get(name));
}
