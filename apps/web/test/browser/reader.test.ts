import { join } from 'node:path';
import { createDb } from '@newsfeed/db';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowserPage } from '../support/browser';
import { WEB_DIR } from '../support/next-server';

// A signed-in reader in Chromium on the built app (issue 20 items 1, 2): sign in with name and
// password, a story opened is read, "Hide read stories", Save and the Saved page, "Mark all read up
// to here"; and the anonymous page cache never serves the signed-in pages (nor leaks them).

const baseUrl = inject('baseUrl');
const view = openBrowserPage();
const NAME = 'browser-reader';
const PASSWORD = 'browser reader password';

/** The story ids the front page lists, in order. */
async function listedStories(path: string): Promise<number[]> {
  await view.page.goto(`${baseUrl}${path}`);
  const hrefs = await view.page
    .locator('ol.story-list h2 a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => Number(href.split('/').pop()));
}

beforeAll(async () => {
  // The same SQLite file global-setup seeded and `next start` serves.
  const db = await createDb(`file:${join(WEB_DIR, 'test-output', 'browser-db', 'newsfeed.db')}`);
  try {
    if (!(await db.users.getByName(NAME))) await db.users.add({ name: NAME, password: PASSWORD });
  } finally {
    await db.close();
  }
});

describe('signed-in reading', () => {
  it('signs in, never gets a cached page, and anonymous readers still get cached copies without reader markup', async () => {
    const page = view.page;
    await page.goto(`${baseUrl}/signin`);
    await page.fill('input[name=name]', NAME);
    await page.fill('input[name=password]', 'wrong password here');
    await page.click('form[action="/api/session/login"] button');
    await expect.poll(() => page.url()).toContain('/signin?error=1');
    await page.fill('input[name=name]', NAME);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form[action="/api/session/login"] button');
    await expect.poll(() => page.url()).toBe(`${baseUrl}/`);
    await expect.poll(() => page.locator('.reader-bar').textContent()).toContain(NAME);

    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await page.goto(`${baseUrl}/`);
      expect(response?.headers()['x-page-cache']).toBeUndefined();
      expect(await page.locator('.reader-bar').count()).toBe(1);
    }
    let anonymousHit = false;
    for (let attempt = 0; attempt < 5 && !anonymousHit; attempt++) {
      const anonymous = await fetch(`${baseUrl}/`);
      const html = await anonymous.text();
      expect(html).not.toContain(NAME);
      expect(html).not.toContain('reader-bar');
      anonymousHit = anonymous.headers.get('x-page-cache') === 'hit';
    }
    expect(anonymousHit).toBe(true);
  });

  it('marks a story read when opened, hides read stories on request, and saves a story', async () => {
    const page = view.page;
    const [first, second] = await listedStories('/');
    await page.goto(`${baseUrl}/story/${first}`);
    expect(await page.locator('.reader-bar').count()).toBe(1);
    await page.click('.reader__save button');
    await expect.poll(() => page.locator('.reader__save button').textContent()).toContain('Saved');

    expect(await listedStories('/?hide=read')).not.toContain(first);
    expect(await listedStories('/?hide=read')).toContain(second);
    const all = await listedStories('/');
    expect(all).toContain(first);
    expect(await page.locator(`li[data-read="true"] a[href="/story/${first}"]`).count()).toBe(1);

    await page.goto(`${baseUrl}/saved`);
    expect(await page.locator(`a[href="/story/${first}"]`).count()).toBe(1);
  });

  it('marks every story on the page read with "Mark all read up to here"', async () => {
    const page = view.page;
    const before = await listedStories('/?hide=read');
    expect(before.length).toBeGreaterThan(1);
    await page.click('.mark-read button');
    await expect.poll(() => page.url()).toBe(`${baseUrl}/?hide=read`);
    const after = await listedStories('/?hide=read');
    expect(after.some((id) => before.includes(id))).toBe(false);
  });

  it('refuses a state change from another site or without the form token', async () => {
    const cookies = await view.browser.context.cookies(baseUrl);
    const session = cookies.find((cookie) => cookie.name === 'newsfeed_session');
    expect(session?.httpOnly).toBe(true);
    const cookie = `newsfeed_session=${session?.value}`;
    const form = new URLSearchParams({ item: '1', action: 'save', csrf: 'forged' });
    const crossSite = await fetch(`${baseUrl}/api/state/items`, {
      method: 'POST',
      body: form,
      headers: { cookie, origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    const forged = await fetch(`${baseUrl}/api/state/items`, {
      method: 'POST',
      body: form,
      headers: { cookie, origin: baseUrl },
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
  });
});
