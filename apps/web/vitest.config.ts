import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without Chromium the browser project is left out with one line saying why; CI always has it.
const browserSkipReason =
  existsSync(CHROMIUM_PATH) || process.env.CI
    ? null
    : `[@newsfeed/web] SKIPPING the browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
if (browserSkipReason) console.warn(browserSkipReason);

// Two projects: fast unit and route tests, and browser tests that drive the BUILT app (`next build`
// output) in headless Chromium against a seeded SQLite file; one `next start` serves them all.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/*.test.ts', 'test/*.test.tsx'],
          testTimeout: 30_000,
        },
      },
      ...(browserSkipReason
        ? []
        : [
            {
              test: {
                name: 'browser',
                include: ['test/browser/**/*.test.ts', 'test/e2e/**/*.test.ts'],
                globalSetup: ['test/browser/global-setup.ts'],
                testTimeout: 60_000,
                hookTimeout: 180_000,
                // Chromium instances and the server share two cores: one file at a time keeps timings sane.
                fileParallelism: false,
              },
            },
          ]),
    ],
  },
});
