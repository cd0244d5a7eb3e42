import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, openBrowserPage, PHONE } from '../support/browser';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const view = openBrowserPage();

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

describe('admin without the token', () => {
  it('sends the admin page to the sign-in form', async () => {
    await view.page.goto(`${baseUrl}/admin`);
    await view.page.waitForURL(/\/admin\/login$/);
    await expect(view.page.getByLabel('Admin token').count()).resolves.toBe(1);
  });

  it.each([
    ['/api/admin/feeds', { url: 'https://nope.example/feed.xml' }],
    ['/api/admin/feeds/1', { action: 'remove' }],
    ['/api/admin/opml', {}],
  ])('refuses POST %s with 401', async (path, fields) => {
    const response = await fetch(`${baseUrl}${path}`, form(fields));
    expect(response.status).toBe(401);
  });

  it('refuses the OPML export with 401 and a wrong bearer token with 401', async () => {
    expect((await fetch(`${baseUrl}/api/admin/opml`)).status).toBe(401);
    const wrong = await fetch(`${baseUrl}/api/admin/opml`, {
      headers: { Authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
  });

  it('rejects a wrong token at sign-in', async () => {
    await view.page.goto(`${baseUrl}/admin/login`);
    await view.page.getByLabel('Admin token').fill('wrong-token-wrong-token');
    await view.page.getByRole('button', { name: 'Sign in' }).click();
    await view.page.waitForURL(/error=1/);
    await expect(view.page.locator('.notice--error').innerText()).resolves.toContain('not right');
  });
});

describe('admin with the token', () => {
  it('signs in, adds a feed by URL, disables, re-enables and removes it', async () => {
    await view.page.goto(`${baseUrl}/admin/login`);
    await view.page.getByLabel('Admin token').fill(adminToken);
    await view.page.getByRole('button', { name: 'Sign in' }).click();
    await view.page.waitForURL(/\/admin$/);

    await view.page.getByLabel('Feed or site URL').fill('https://added.example/');
    await view.page.getByLabel('Folder (optional)').fill('Added');
    await view.page.getByRole('button', { name: 'Add', exact: true }).click();
    await view.page.waitForURL(/notice=/);
    await expect(view.page.locator('p.notice[role="status"]').innerText()).resolves.toContain(
      'Subscribed to https://added.example/',
    );
    const row = view.page.locator('tr', { hasText: 'https://added.example/' });
    await expect(row.count()).resolves.toBe(1);

    await row.getByRole('button', { name: 'Disable' }).click();
    await view.page.waitForURL(/notice=Disabled/);
    await expect(
      view.page.locator('tr', { hasText: 'https://added.example/' }).locator('.badge').innerText(),
    ).resolves.toBe('Disabled');
    await view.page
      .locator('tr', { hasText: 'https://added.example/' })
      .getByRole('button', { name: 'Re-enable' })
      .click();
    await view.page.waitForURL(/notice=Re-enabled/);

    await view.page.getByLabel('Feed or site URL').fill('https://added.example/');
    await view.page.getByRole('button', { name: 'Add', exact: true }).click();
    await view.page.waitForURL(/error=/);
    await expect(view.page.locator('.notice--error').innerText()).resolves.toContain('Already subscribed');

    // Removing asks first: the button that deletes shows only after "Remove…" is opened.
    const added = view.page.locator('tr', { hasText: 'https://added.example/' });
    const removeButton = added.getByRole('button', { name: /Remove/ });
    await expect(removeButton.isVisible()).resolves.toBe(false);
    await added.locator('summary', { hasText: 'Remove' }).click();
    await expect(added.locator('.confirm-remove').innerText()).resolves.toMatch(
      /Delete .* and its 0 items\?/,
    );
    await removeButton.click();
    await view.page.waitForURL(/notice=Removed/);
    await expect(view.page.locator('tr', { hasText: 'https://added.example/' }).count()).resolves.toBe(0);
  });

  it('fits a 360 px phone: the sources and admin tables stack, error texts keep a readable width', async () => {
    await view.page.setViewportSize(PHONE);
    try {
      for (const path of ['/sources', '/admin']) {
        await view.page.goto(`${baseUrl}${path}`);
        const overflow = await view.page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
        const errorWidths = await view.page
          .locator('.error-text')
          .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().width));
        expect(errorWidths.length, path).toBeGreaterThan(0);
        for (const width of errorWidths) expect(width, path).toBeGreaterThan(PHONE.width / 2);
      }
    } finally {
      await view.page.setViewportSize(DESKTOP);
    }
  });

  it('refuses a signed-in change without the form token (CSRF) or from another origin', async () => {
    const cookies = await view.browser.context.cookies(baseUrl);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect(cookie).toContain('newsfeed_admin=');
    const post = (fields: Record<string, string>, origin: string) =>
      fetch(`${baseUrl}/api/admin/feeds`, {
        ...form(fields),
        headers: { ...form(fields).headers, Cookie: cookie, Origin: origin },
      });
    expect((await post({ url: 'https://csrf.example/' }, baseUrl)).status).toBe(403);
    expect((await post({ url: 'https://csrf.example/', csrf: 'forged' }, baseUrl)).status).toBe(403);
    const csrf = await view.page.locator('input[name="csrf"]').first().inputValue();
    expect((await post({ url: 'https://csrf.example/', csrf }, 'https://evil.example')).status).toBe(403);
  });

  it('round-trips OPML: export, import into the same list, nothing duplicated, new ones added', async () => {
    const exported = await view.page.request.get(`${baseUrl}/api/admin/opml`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('text/x-opml');
    const opml = await exported.text();
    expect(opml).toContain('xmlUrl="https://planet.example/feed.xml"');
    const before = await view.page.locator('tbody tr').count();

    const dir = await mkdtemp(join(tmpdir(), 'newsfeed-opml-'));
    const withNew = opml.replace(
      '</body>',
      '<outline text="Imported" title="Imported"><outline type="rss" text="Fresh Feed" xmlUrl="https://fresh.example/rss"/></outline></body>',
    );
    await writeFile(join(dir, 'subs.opml'), withNew);
    await view.page.goto(`${baseUrl}/admin`);
    await view.page
      .getByLabel('Import subscriptions from an OPML file')
      .setInputFiles(join(dir, 'subs.opml'));
    await view.page.getByRole('button', { name: 'Import', exact: true }).click();
    await view.page.waitForURL(/notice=/);
    await expect(view.page.locator('p.notice[role="status"]').innerText()).resolves.toMatch(/Imported 1 new/);
    await expect(view.page.locator('tbody tr').count()).resolves.toBe(before + 1);

    const again = await (await view.page.request.get(`${baseUrl}/api/admin/opml`)).text();
    expect(again).toContain('xmlUrl="https://fresh.example/rss"');
    expect(again).toMatch(/<outline[^>]*text="Imported"/);
    expect(await readFile(join(dir, 'subs.opml'), 'utf8')).toContain('fresh.example');
  });

  it('accepts a bearer token from scripts without a cookie or form token', async () => {
    const response = await fetch(`${baseUrl}/api/admin/feeds`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'https://bearer.example/feed.xml', folder: 'Scripts' }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { data: { id: number; url: string } };
    expect(body.data.url).toBe('https://bearer.example/feed.xml');
    const removed = await fetch(`${baseUrl}/api/admin/feeds/${body.data.id}?action=remove`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(removed.status).toBe(200);
  });
});
