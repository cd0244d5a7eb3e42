import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

// Debian's Chromium through playwright-core, headless, with a fresh profile per test file.

/** Debian's Chromium unless CHROMIUM_PATH names another build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 360, height: 740 } as const;

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** `extraArgs`: more Chromium switches, e.g. `--host-resolver-rules` to give a made-up name an address. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'newsfeed-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport: DESKTOP,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-output', 'screenshots');

/** One browser and one page for a test file: `const view = openBrowserPage()`, then `view.page`. */
export function openBrowserPage(extraArgs: readonly string[] = []): {
  readonly page: Page;
  readonly browser: TestBrowser;
} {
  let browser: TestBrowser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(extraArgs);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get page() {
      if (!page) throw new Error('the browser page is only available inside tests');
      return page;
    },
    get browser() {
      if (!browser) throw new Error('the browser is only available inside tests');
      return browser;
    },
  };
}
