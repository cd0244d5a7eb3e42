import { describe, expect, inject, it } from 'vitest';
import { openBrowserPage } from '../support/browser';

const baseUrl = inject('baseUrl');
const seed = inject('seed');
const view = openBrowserPage();

describe('stored HTML renders inert', () => {
  it('runs none of the hostile item’s scripts, handlers or javascript: links', async () => {
    const dialogs: string[] = [];
    view.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await view.page.goto(`${baseUrl}/story/${seed.hostileStoryId}`);
    const content = view.page.locator('.reader__content');
    await expect(content.innerText()).resolves.toContain('Before the script.');
    await expect(content.innerText()).resolves.toContain('After the script.');

    // Nothing from the item executed, on load or on interaction.
    await view.page.locator('.reader__content p', { hasText: 'Click me paragraph.' }).click();
    await view.page.locator('.reader__content a', { hasText: 'A javascript link' }).click();
    await view.page.waitForTimeout(200);
    await expect(
      view.page.evaluate(() => (window as unknown as { __xss?: string }).__xss),
    ).resolves.toBeUndefined();
    await expect(view.page.title()).resolves.not.toBe('pwned');
    expect(dialogs).toEqual([]);

    // And none of it is in the DOM to run later.
    const dangerous = await content.evaluate((root) => ({
      scripts: root.querySelectorAll('script, iframe, object, embed, svg, form, input, style').length,
      handlers: [...root.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')),
      ).length,
      styles: root.querySelectorAll('[style]').length,
      javascriptUrls: [...root.querySelectorAll('[href], [src]')].filter((el) =>
        /^\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
      ).length,
    }));
    expect(dangerous).toEqual({ scripts: 0, handlers: 0, styles: 0, javascriptUrls: 0 });
    // The item's own javascript: URL never becomes the "read the original" link.
    const originals = await view.page
      .locator('a.button')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(originals.every((href) => href === null || /^https?:/.test(href))).toBe(true);
  });

  it('keeps the site’s own script working under the CSP (nonce), so the policy is not just off', async () => {
    const violations: string[] = [];
    view.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await view.page.goto(baseUrl);
    await view.page.locator('body').click({ position: { x: 5, y: 300 } });
    await view.page.keyboard.press('j');
    await expect(view.page.locator('[data-nav-item].is-current').count()).resolves.toBe(1);
    expect(violations).toEqual([]);
  });
});

describe('headers', () => {
  it.each([
    '/',
    '/story/1',
    '/search?q=dam',
    '/sources',
    '/api/v1/stories',
    '/feed.xml',
    '/api/health',
    '/nope',
  ])('%s carries a CSP and the security headers', async (path) => {
    const response = await fetch(`${baseUrl}${path}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('gives static assets the security headers too', async () => {
    const html = await (await fetch(baseUrl)).text();
    const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const response = await fetch(`${baseUrl}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('uses a fresh nonce on every page', async () => {
    const nonce = async () =>
      /'nonce-([^']+)'/.exec((await fetch(baseUrl)).headers.get('content-security-policy') ?? '')?.[1];
    expect(await nonce()).not.toBe(await nonce());
  });
});
