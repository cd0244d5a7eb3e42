import { createRequire } from 'node:module';

/** The installed package's version, read from its package.json (two levels up from src/cli and dist/cli). */
export function packageVersion(): string {
  const manifest = createRequire(import.meta.url)('../../package.json') as { version: string };
  return manifest.version;
}
