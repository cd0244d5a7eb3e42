import { defineConfig } from 'vitest/config';

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
    ],
  },
});
