import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, openBrowserPage } from '../support/browser';

// What a reader notices first: page titles naming the site, a way back from page 2, the language of
// foreign headlines, the stories in the first screenful of a phone, and j/k resuming after Back.

const baseUrl = inject('baseUrl');
const seed = inject('seed');
const view = openBrowserPage();

/** A common phone's viewport. */
const PHONE_390 = { width: 390, height: 844 } as const;
/** WEB_SITE_NAME's default (the test server does not set it). */
const SITE_NAME = 'Newsfeed';

describe('reader polish', () => {
  it('ends every page title with the site name', async () => {
    for (const path of ['/', '/search?q=filler', `/story/${seed.coverageStoryId}`, '/sources']) {
      await view.page.goto(`${baseUrl}${path}`);
      await expect(view.page.title()).resolves.toMatch(new RegExp(`\\S · ${SITE_NAME}$`));
    }
  });

  it('links a later page to the newer one and to the first, keeping the filters', async () => {
    await view.page.goto(`${baseUrl}/?window=30d`);
    const firstPage = await view.page.locator('.story__title').allInnerTexts();
    await expect(view.page.getByRole('link', { name: /Newer|First page/ }).count()).resolves.toBe(0);
    await view.page.getByRole('link', { name: 'More stories' }).click();
    await view.page.waitForURL(/cursor=/);
    const secondUrl = view.page.url();
    const secondPage = await view.page.locator('.story__title').allInnerTexts();
    await view.page.getByRole('link', { name: 'More stories' }).click();
    await view.page.waitForURL((url) => url.href !== secondUrl && url.searchParams.has('cursor'));

    // Page 3: "Newer" leads to page 2, "First page" to page 1, both with the filter.
    await view.page.getByRole('link', { name: 'Newer stories' }).click();
    await view.page.waitForURL(
      (url) => url.searchParams.get('cursor') === new URL(secondUrl).searchParams.get('cursor'),
    );
    await expect(view.page.locator('.story__title').allInnerTexts()).resolves.toEqual(secondPage);
    expect(new URL(view.page.url()).searchParams.get('window')).toBe('30d');
    await view.page.getByRole('link', { name: 'Newer stories' }).click();
    await view.page.waitForURL((url) => !url.searchParams.has('cursor'));
    await expect(view.page.locator('.story__title').allInnerTexts()).resolves.toEqual(firstPage);

    await view.page.goto(secondUrl);
    await view.page.getByRole('link', { name: 'More stories' }).click();
    await view.page.waitForURL((url) => url.href !== secondUrl && url.searchParams.has('cursor'));
    await view.page.getByRole('link', { name: 'First page' }).click();
    await view.page.waitForURL((url) => !url.searchParams.has('cursor'));
    expect(new URL(view.page.url()).searchParams.get('window')).toBe('30d');
    await expect(view.page.locator('.story__title').allInnerTexts()).resolves.toEqual(firstPage);

    await view.page.goto(`${baseUrl}/search?q=filler`);
    await view.page.getByRole('link', { name: 'More results' }).click();
    await view.page.waitForURL(/cursor=/);
    await view.page.getByRole('link', { name: 'First page' }).click();
    await view.page.waitForURL((url) => !url.searchParams.has('cursor'));
    expect(new URL(view.page.url()).searchParams.get('q')).toBe('filler');
  });

  it('marks a foreign headline and summary with its language on the front page, story page and search', async () => {
    const headline = 'Le tramway de nuit arrive dans la vieille ville';
    await view.page.goto(baseUrl);
    const card = view.page.locator('.story', { hasText: headline });
    await expect(card.locator('.story__title').getAttribute('lang')).resolves.toBe('fr');
    await expect(card.locator('.story__summary').getAttribute('lang')).resolves.toBe('fr');
    // An English story says so too (the page itself is English: no wrong hint either way).
    await expect(
      view.page.locator('.story').first().locator('.story__title').getAttribute('lang'),
    ).resolves.toBe('en');

    await view.page.goto(`${baseUrl}/story/${seed.frenchStoryId}`);
    await expect(view.page.locator('h1.reader__title').getAttribute('lang')).resolves.toBe('fr');
    await expect(view.page.locator('.reader__content').getAttribute('lang')).resolves.toBe('fr');

    await view.page.goto(`${baseUrl}/search?q=tramway`);
    const hit = view.page.locator('.hit', { hasText: headline });
    await expect(hit.locator('.hit__title').getAttribute('lang')).resolves.toBe('fr');
    await expect(hit.locator('.hit__snippet').getAttribute('lang')).resolves.toBe('fr');
  });

  it('shows the first story in a 390 px phone’s first screenful, the filters one tap away', async () => {
    await view.page.setViewportSize(PHONE_390);
    try {
      await view.page.goto(baseUrl);
      const firstStory = view.page.locator('.story').first();
      const box = await firstStory.locator('.story__title').boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE_390.height);
      const source = view.page.getByRole('combobox', { name: 'Source' });
      await expect(source.isVisible()).resolves.toBe(false);

      // The toggle is a native disclosure: reachable by Tab, opened by Enter, announced as expanded.
      const toggle = view.page.locator('.filters-panel > summary');
      await toggle.focus();
      await view.page.keyboard.press('Enter');
      await expect(source.isVisible()).resolves.toBe(true);
      await expect(
        view.page.locator('.filters-panel').evaluate((details) => (details as HTMLDetailsElement).open),
      ).resolves.toBe(true);

      // A wide screen has no toggle: the filters are simply there.
      await view.page.setViewportSize(DESKTOP);
      await view.page.goto(baseUrl);
      await expect(toggle.isVisible()).resolves.toBe(false);
      await expect(source.isVisible()).resolves.toBe(true);
    } finally {
      await view.page.setViewportSize(DESKTOP);
    }
  });

  it('resumes j/k at the opened story after o and Back', async () => {
    await view.page.goto(`${baseUrl}/?window=30d`);
    const titles = await view.page.locator('.story__title').allInnerTexts();
    await view.page.locator('body').click({ position: { x: 5, y: 300 } });
    await view.page.keyboard.press('j');
    await view.page.keyboard.press('j');
    await view.page.keyboard.press('o');
    await view.page.waitForURL(/\/story\/\d+$/);
    await view.page.goBack();
    await view.page.waitForURL(/window=30d$/);
    const current = view.page.locator('[data-nav-item].is-current');
    await current.waitFor();
    await view.page.keyboard.press('j');
    await expect(current.count()).resolves.toBe(1);
    await expect(current.locator('.story__title').innerText()).resolves.toBe(titles[2]);
  });
});
