import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, openBrowserPage, PHONE, SCREENSHOT_DIR } from '../support/browser';
import { KNOWN_PHRASE } from '../support/seed';

const baseUrl = inject('baseUrl');
const seed = inject('seed');
const view = openBrowserPage();

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

const storyTitles = (target: Page) => target.locator('.story__title').allInnerTexts();

/** The page fits the viewport: nothing forces a sideways scroll. */
async function expectNoHorizontalOverflow(target: Page) {
  const overflow = await target.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function screenshots(path: string, name: string) {
  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await view.page.setViewportSize(viewport);
    await view.page.goto(`${baseUrl}${path}`);
    await expectNoHorizontalOverflow(view.page);
    await view.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: false });
  }
  await view.page.setViewportSize(DESKTOP);
}

describe('front page', () => {
  it('lists ranked stories with their lead source, coverage and time, and paginates', async () => {
    await view.page.goto(baseUrl);
    await expect(view.page.title()).resolves.toBe('Top stories · Newsfeed');
    const first = await storyTitles(view.page);
    expect(first).toHaveLength(20);
    const wire = view.page.locator('.story', { hasText: /dam ceasefire/i });
    await expect(wire.locator('.sources-count').innerText()).resolves.toBe('2 sources');
    await expect(wire.locator('.badge--wire').innerText()).resolves.toBe('AFP');
    const time = wire.locator('time');
    await expect(time.getAttribute('title')).resolves.toMatch(/UTC$/);
    await expect(time.innerText()).resolves.toMatch(/min\. ago/);

    await view.page.getByRole('link', { name: 'More stories' }).click();
    await view.page.waitForURL(/cursor=/);
    const second = await storyTitles(view.page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((title) => first.includes(title))).toBe(false);
  });

  it('filters by source, language and time window', async () => {
    await view.page.goto(baseUrl);
    await view.page.getByLabel('Source').selectOption({ label: 'Tech Weekly' });
    await view.page.getByRole('button', { name: 'Apply' }).click();
    await view.page.waitForURL(/source=/);
    const tech = await storyTitles(view.page);
    expect(tech.sort()).toEqual(['Hostile markup survives nothing', 'Synth makers gather in the port city']);

    await view.page.goto(`${baseUrl}/?lang=fr`);
    expect(await storyTitles(view.page)).toEqual(['Le tramway de nuit arrive dans la vieille ville']);

    await view.page.goto(`${baseUrl}/?source=${seed.feeds.monde}&window=7d`);
    expect(await storyTitles(view.page)).toEqual(['Le tramway de nuit arrive dans la vieille ville']);
    await view.page.goto(`${baseUrl}/?source=${seed.feeds.monde}&window=30d`);
    expect(await storyTitles(view.page)).toEqual([
      'Le tramway de nuit arrive dans la vieille ville',
      'Archive piece from last month',
    ]);

    await view.page.goto(`${baseUrl}/?source=${seed.feeds.disabled}`);
    await expect(
      view.page.getByRole('heading', { name: 'No stories match these filters' }).count(),
    ).resolves.toBe(1);
  });

  it('has landmarks, alternate feeds and Open Graph tags, and fits a 360 px phone', async () => {
    await view.page.goto(baseUrl);
    await expect(view.page.locator('header').count()).resolves.toBeGreaterThan(0);
    await expect(view.page.locator('main#main').count()).resolves.toBe(1);
    await expect(view.page.locator('nav[aria-label="Main"]').count()).resolves.toBe(1);
    await expect(
      view.page.locator('link[rel="alternate"][type="application/rss+xml"]').count(),
    ).resolves.toBe(1);
    await expect(view.page.locator('meta[property="og:title"]').getAttribute('content')).resolves.toBe(
      'Top stories',
    );
    const imagesWithoutAlt = await view.page.locator('img:not([alt])').count();
    expect(imagesWithoutAlt).toBe(0);
    await screenshots('/', 'front');
  });

  it('tells the reader when a source is failing, and follows the system dark mode', async () => {
    await view.page.goto(baseUrl);
    await expect(view.page.locator('.notice--error').innerText()).resolves.toContain('1 source is failing');
    await view.page.emulateMedia({ colorScheme: 'dark' });
    await view.page.goto(baseUrl);
    const background = await view.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(18, 20, 23)');
    await view.page.screenshot({ path: join(SCREENSHOT_DIR, 'front-dark-desktop.png') });
    await view.page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('story page', () => {
  it('shows the article in a reader view and every other source', async () => {
    await view.page.goto(`${baseUrl}/story/${seed.wireStoryId}`);
    const title = await view.page.locator('h1.reader__title').innerText();
    await expect(view.page.title()).resolves.toBe(`${title} · Newsfeed`);
    await expect(view.page.locator('.reader__content').innerText()).resolves.toContain('sluice gates');
    await expect(view.page.locator('.badge--wire').innerText()).resolves.toBe('AFP');
    const coverage = view.page.locator('#coverage');
    await expect(coverage.locator('h2').innerText()).resolves.toBe('Also covered by 1 source');
    await expect(coverage.locator('li').count()).resolves.toBe(1);
    await expect(view.page.locator('meta[property="og:type"]').getAttribute('content')).resolves.toBe(
      'article',
    );
    await screenshots(`/story/${seed.wireStoryId}`, 'story');
  });

  it('answers 404 with an explanation for an unknown story', async () => {
    const response = await view.page.goto(`${baseUrl}/story/999999`);
    expect(response?.status()).toBe(404);
    await expect(view.page.getByRole('heading', { name: 'Page not found' }).count()).resolves.toBe(1);
  });
});

describe('search', () => {
  it('finds a known phrase, highlights it and keeps the query in the URL', async () => {
    await view.page.goto(baseUrl);
    await view.page.locator('#search-input').fill(`"${KNOWN_PHRASE}"`);
    await view.page.locator('#search-input').press('Enter');
    await view.page.waitForURL(/\/search\?q=/);
    expect(new URL(view.page.url()).searchParams.get('q')).toBe(`"${KNOWN_PHRASE}"`);
    await expect(view.page.locator('.hit__title').allInnerTexts()).resolves.toEqual([
      'Synth makers gather in the port city',
    ]);
    const marks = await view.page.locator('.hit__snippet mark').allInnerTexts();
    expect(marks.join(' ').toLowerCase()).toContain('quantum harmonica');
    await screenshots(`/search?q=${encodeURIComponent(KNOWN_PHRASE)}`, 'search');
  });

  it('paginates results and explains an empty result', async () => {
    await view.page.goto(`${baseUrl}/search?q=filler`);
    const first = await view.page.locator('.hit__title').allInnerTexts();
    expect(first).toHaveLength(20);
    await view.page.getByRole('link', { name: 'More results' }).click();
    await view.page.waitForURL(/cursor=/);
    const second = await view.page.locator('.hit__title').allInnerTexts();
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((title) => first.includes(title))).toBe(false);

    await view.page.goto(`${baseUrl}/search?q=zzyzx`);
    await expect(view.page.getByRole('heading', { name: /Nothing found/ }).count()).resolves.toBe(1);
  });
});

describe('sources', () => {
  it('lists every feed with its status, and a source page lists its items', async () => {
    await view.page.goto(`${baseUrl}/sources`);
    const rows = view.page.locator('tbody tr');
    await expect(rows.count()).resolves.toBeGreaterThanOrEqual(6);
    const failing = view.page.locator('tr', { hasText: 'Broken Bugle' });
    await expect(failing.locator('.badge').innerText()).resolves.toMatch(/Failing/);
    await expect(failing.locator('.error-text').innerText()).resolves.toContain('HTTP 503');
    const disabled = view.page.locator('tr', { hasText: 'Gone Gazette' });
    await expect(disabled.locator('.badge').innerText()).resolves.toBe('Disabled');
    await view.page.getByRole('link', { name: 'Tech Weekly' }).click();
    await view.page.waitForURL(/\/sources\/\d+$/);
    await expect(view.page.locator('h1').innerText()).resolves.toBe('Tech Weekly');
    await expect(view.page.locator('.story__title').count()).resolves.toBe(2);
    await screenshots('/sources', 'sources');
  });
});

describe('keyboard navigation', () => {
  it('moves with j/k, opens with o and focuses search with /', async () => {
    await view.page.goto(baseUrl);
    await view.page.locator('body').click({ position: { x: 5, y: 300 } });
    await view.page.keyboard.press('j');
    await view.page.keyboard.press('j');
    await view.page.keyboard.press('k');
    const current = view.page.locator('[data-nav-item].is-current');
    await expect(current.count()).resolves.toBe(1);
    const firstTitle = (await storyTitles(view.page))[0];
    await expect(current.locator('.story__title').innerText()).resolves.toBe(firstTitle);
    await view.page.keyboard.press('/');
    await expect(view.page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
    await view.page.keyboard.press('Escape');
    await view.page.locator('body').click({ position: { x: 5, y: 300 } });
    await view.page.keyboard.press('o');
    await view.page.waitForURL(/\/story\/\d+$/);
    await expect(view.page.locator('h1.reader__title').count()).resolves.toBe(1);
  });
});
