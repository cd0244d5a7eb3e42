import { headers } from 'next/headers';
import { webConfig } from './env';

/** The origin of this site as its readers see it: WEB_PUBLIC_URL, else the request's Host. */
export function originFromHeaders(get: (name: string) => string | null): string {
  const configured = webConfig().WEB_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const host = get('x-forwarded-host') ?? get('host') ?? 'localhost';
  const proto = get('x-forwarded-proto') ?? 'http';
  return `${proto.split(',')[0]!.trim()}://${host.split(',')[0]!.trim()}`;
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
