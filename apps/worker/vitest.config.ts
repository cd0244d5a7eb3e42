import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Hooks start servers, open databases and close runtimes (multi-worker: four, then drops a
    // PostgreSQL database): vitest's 10 s default leaves little room on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
