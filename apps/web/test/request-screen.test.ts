import { describe, expect, it } from 'vitest';
import { ALLOWED_METHODS, screenRequest } from '../lib/request-screen';

// Issue 16 items 9 and 12: what proxy.ts refuses before any page or handler runs.

const PUBLIC = { WEB_PUBLIC_URL: 'https://news.example.org', WEB_TRUST_PROXY: false };
const NO_PUBLIC_URL = { WEB_PUBLIC_URL: undefined, WEB_TRUST_PROXY: false };

function request(method: string, path: string, host: string, headers: Record<string, string> = {}) {
  return { method, url: `http://127.0.0.1:3000${path}`, headers: new Headers({ host, ...headers }) };
}

describe('methods', () => {
  it.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'PROPFIND'])('answers %s with 405 and Allow', (method) => {
    const refusal = screenRequest(request(method, '/', 'localhost:3000'), PUBLIC);
    expect(refusal?.status).toBe(405);
    expect(refusal?.headers.get('allow')).toBe(ALLOWED_METHODS.join(', '));
  });

  it('lets the methods some route answers through', () => {
    for (const method of ALLOWED_METHODS)
      expect(screenRequest(request(method, '/api/health', 'localhost:3000'), PUBLIC)).toBeNull();
  });
});

describe('host names (DNS rebinding)', () => {
  it.each([
    ['POST', '/api/admin/login'],
    ['GET', '/admin'],
    ['GET', '/api/admin/opml'],
    ['POST', '/api/admin/feeds'],
    ['POST', '/'],
  ])('refuses %s %s under a name that is not ours with 421', (method, path) => {
    const refusal = screenRequest(request(method, path, 'rebind.attacker.invalid:3000'), PUBLIC);
    expect(refusal?.status).toBe(421);
    expect(screenRequest(request(method, path, 'rebind.attacker.invalid'), NO_PUBLIC_URL)?.status).toBe(421);
  });

  it.each([
    'news.example.org',
    'NEWS.example.org:443',
    'localhost:3000',
    'app.localhost',
    '127.0.0.1:3000',
    '127.8.9.10',
    '[::1]:3000',
  ])('accepts admin under %s', (host) => {
    expect(screenRequest(request('POST', '/api/admin/login', host), PUBLIC)).toBeNull();
  });

  it('refuses a malformed or missing Host, and a forged X-Forwarded-Host unless the proxy is trusted', () => {
    const headers = (host: string) => new Headers(host ? { host } : {});
    const bare = { method: 'POST', url: 'http://127.0.0.1:3000/api/admin/login' };
    expect(screenRequest({ ...bare, headers: headers('') }, PUBLIC)?.status).toBe(421);
    expect(screenRequest({ ...bare, headers: headers('localhost/evil') }, PUBLIC)?.status).toBe(421);
    const forwarded = request('POST', '/api/admin/login', 'rebind.attacker.invalid', {
      'x-forwarded-host': 'localhost',
    });
    expect(screenRequest(forwarded, PUBLIC)?.status).toBe(421);
    const behindProxy = request('POST', '/api/admin/login', '10.0.0.5:3000', {
      'x-forwarded-host': 'news.example.org',
    });
    expect(screenRequest(behindProxy, { ...PUBLIC, WEB_TRUST_PROXY: true })).toBeNull();
  });

  it('serves the public pages under any name (they hold nothing private)', () => {
    expect(screenRequest(request('GET', '/', 'rebind.attacker.invalid'), PUBLIC)).toBeNull();
    expect(screenRequest(request('GET', '/feed.xml', 'other.example'), PUBLIC)).toBeNull();
  });
});

describe('page parameters', () => {
  it.each([
    '/?window=toString',
    '/?window=constructor',
    '/?window=__proto__',
    '/?window=valueOf',
    '/?window=2h',
    '/?source=abc',
    '/?lang=%22%3E',
    '/search?q=dam&source=abc',
  ])('answers %s with a 400 page that names the problem and runs nothing', async (path) => {
    const refusal = screenRequest(request('GET', path, 'localhost'), PUBLIC);
    expect(refusal?.status).toBe(400);
    expect(refusal?.headers.get('content-type')).toContain('text/html');
    const html = await refusal!.text();
    expect(html).toContain('This link is not valid');
    // The value is shown as text: no script, no element of its own.
    expect(html).not.toContain('<script');
    expect(html.match(/</g)?.length).toBe(
      '<!doctype html><html lang="en"><head><meta><meta><meta><title></title></head><body><main><h1></h1><p></p><p><a></a></p></main></body></html>'.match(
        /</g,
      )?.length,
    );
  });

  it('lets the filters our links make through', () => {
    for (const path of ['/', '/?window=24h&source=2&lang=en&folder=Tech', '/search?q=dam&source=4'])
      expect(screenRequest(request('GET', path, 'localhost'), PUBLIC)).toBeNull();
  });
});
