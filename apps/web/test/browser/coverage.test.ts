import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, openBrowserPage, SCREENSHOT_DIR } from '../support/browser';
import { COVERAGE_WORD } from '../support/seed';

// One event covered by four outlets (the seed's dockworkers' strike, twice by the Daily Planet), as
// a reader sees it: one story naming its outlets on the front page, every version on its page, one
// search result.

const baseUrl = inject('baseUrl');
const seed = inject('seed');
const view = openBrowserPage();

/** The width of a common phone (the screenshots are looked at, at both widths). */
const PHONE_390 = { width: 390, height: 844 } as const;

const OTHER_OUTLETS: [outlet: string, headline: string][] = [
  ['Gotham Gazette', 'Port walkout strands 30 ships in the bay'],
  ['Evening Herald', 'Unions and port bosses trade blame as dockworkers stay out'],
  ['Bay Courier', 'What the dockworkers’ strike means for shop shelves'],
];

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

async function fitsTheViewport() {
  const overflow = await view.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('an event covered by several outlets', () => {
  it('is one front-page story: the lead headline and outlet, three other outlets’ own headlines, "4 sources"', async () => {
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE_390],
    ] as const) {
      await view.page.setViewportSize(viewport);
      await view.page.goto(baseUrl);
      const stories = view.page.locator('.story', { hasText: /dockworkers/i });
      await expect(stories.count()).resolves.toBe(1);
      // Four outlets rank it above the two-outlet wire story published five minutes later.
      const story = view.page.locator('.story').first();
      await expect(story.locator('.story__title').innerText()).resolves.toBe(
        'Dockworkers strike shuts the container port',
      );
      await expect(story.locator('.story__source strong').innerText()).resolves.toBe('Daily Planet');
      const lines = story.locator('.story__outlets li');
      await expect(lines.count()).resolves.toBe(3);
      for (const [index, [outlet, headline]] of OTHER_OUTLETS.entries()) {
        await expect(lines.nth(index).locator('.story__outlet-name').innerText()).resolves.toBe(outlet);
        await expect(lines.nth(index).locator('a').innerText()).resolves.toBe(headline);
        await expect(lines.nth(index).locator('a').getAttribute('href')).resolves.toMatch(
          /^https:\/\/news\.example\/cov-/,
        );
      }
      // However narrow the screen, an outlet's line takes at most two lines of text.
      const heights = await lines.evaluateAll((items) =>
        items.map(
          (item) =>
            item.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(item).lineHeight),
        ),
      );
      expect(Math.max(...heights)).toBeLessThan(2.5);
      // The Planet's own update is the same outlet: four sources, not five.
      await expect(story.locator('.sources-count').innerText()).resolves.toBe('4 sources');
      await fitsTheViewport();
      await view.page.screenshot({ path: join(SCREENSHOT_DIR, `coverage-front-${label}.png`) });
    }
    await view.page.setViewportSize(DESKTOP);
  });

  it('lists every outlet’s version on the story page, each with its own headline, outlet and time', async () => {
    await view.page.goto(baseUrl);
    await view.page.locator('.story').first().locator('.sources-count').click();
    await view.page.waitForURL(new RegExp(`/story/${seed.coverageStoryId}#coverage$`));
    await expect(view.page.locator('h1.reader__title').innerText()).resolves.toBe(
      'Dockworkers strike shuts the container port',
    );
    const coverage = view.page.locator('#coverage');
    await expect(coverage.locator('h2').innerText()).resolves.toBe('Also covered by 3 sources');
    const versions = coverage.locator('li');
    await expect(versions.count()).resolves.toBe(4);
    const texts = await versions.allInnerTexts();
    for (const [outlet, headline] of OTHER_OUTLETS) {
      expect(texts.some((text) => text.includes(outlet) && text.includes(headline))).toBe(true);
    }
    expect(texts.some((text) => text.includes('Daily Planet') && text.includes('talks to resume'))).toBe(
      true,
    );
    await expect(coverage.locator('li time').count()).resolves.toBe(4);
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE_390],
    ] as const) {
      await view.page.setViewportSize(viewport);
      await view.page.goto(`${baseUrl}/story/${seed.coverageStoryId}#coverage`);
      await fitsTheViewport();
      await view.page.screenshot({
        path: join(SCREENSHOT_DIR, `coverage-story-${label}.png`),
        fullPage: true,
      });
    }
    await view.page.setViewportSize(DESKTOP);
  });

  it('is one search result, with its sources and other outlets', async () => {
    await view.page.goto(`${baseUrl}/search?q=${COVERAGE_WORD}`);
    const hits = view.page.locator('.hit');
    await expect(hits.count()).resolves.toBe(1);
    await expect(hits.locator('.sources-count').innerText()).resolves.toBe('4 sources');
    await expect(hits.locator('.story__outlets li').count()).resolves.toBe(3);
    await expect(hits.locator('.hit__title a').getAttribute('href')).resolves.toBe(
      `/story/${seed.coverageStoryId}`,
    );
    await view.page.setViewportSize(PHONE_390);
    await view.page.reload();
    await fitsTheViewport();
    await view.page.screenshot({ path: join(SCREENSHOT_DIR, 'coverage-search-phone.png') });
    await view.page.setViewportSize(DESKTOP);
  });
});
