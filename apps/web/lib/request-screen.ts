import type { WebConfig } from './env';
import { requestHost } from './site-origin';
import { idParamProblem, storyParamsProblem } from './story-filters';

// What proxy.ts refuses before any page or handler runs: a method this site does not answer (405),
// a host that is not ours on admin or state-changing requests (421: a DNS-rebinding page reaches
// the server under its own name), and page filter values no link of ours makes (400).

/** The methods some route answers; Next.js would otherwise fail on the rest (TRACE answered 500). */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ADMIN_PATH = /^\/(?:admin|api\/admin)(?:\/|$)/;
const LOOPBACK_HOST = /^(?:localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Pages whose query parameters are checked here, with what is wrong with them (or null). */
const PAGE_PARAM_CHECKS: ReadonlyMap<string, (params: URLSearchParams) => string | null> = new Map([
  ['/', storyParamsProblem],
  ['/search', (params: URLSearchParams) => idParamProblem(params, 'source')],
]);

export interface ScreenedRequest {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}

type ScreenConfig = Pick<WebConfig, 'WEB_PUBLIC_URL' | 'WEB_TRUST_PROXY'>;

function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

/** Whether the request names this site: WEB_PUBLIC_URL's host or a loopback name. */
export function isOwnHost(request: ScreenedRequest, config: ScreenConfig): boolean {
  const host = requestHost((name) => request.headers.get(name), config);
  if (host === null) return false;
  const name = hostName(host);
  if (LOOPBACK_HOST.test(name)) return true;
  return config.WEB_PUBLIC_URL !== undefined && new URL(config.WEB_PUBLIC_URL).hostname === name;
}

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A page's 400: what was wrong and a way back, no script. */
export function badRequestPage(problem: string): Response {
  const body = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex"><title>Bad request</title></head><body>',
    '<main><h1>This link is not valid</h1>',
    `<p>${escapeHtml(problem)}.</p>`,
    '<p><a href="/">Go to the top stories</a></p></main></body></html>',
  ].join('');
  return new Response(body, {
    status: 400,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** The refusal for a request no route should see, or null to let it through. */
export function screenRequest(request: ScreenedRequest, config: ScreenConfig): Response | null {
  const method = request.method.toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(method))
    return plain(405, `Method ${method} is not allowed.`, { Allow: ALLOWED_METHODS.join(', ') });
  const url = new URL(request.url);
  if ((ADMIN_PATH.test(url.pathname) || !SAFE_METHODS.has(method)) && !isOwnHost(request, config)) {
    return plain(
      421,
      'This server does not answer admin or form requests for that host name: use the address in WEB_PUBLIC_URL or a loopback address.',
    );
  }
  const check = PAGE_PARAM_CHECKS.get(url.pathname);
  const problem = check && (method === 'GET' || method === 'HEAD') ? check(url.searchParams) : null;
  return problem === null ? null : badRequestPage(problem);
}
