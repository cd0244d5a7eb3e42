import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/articles');

/** A fixture page's bytes, as a crawler would hand them over. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURE_DIR, name)));
}

export function fixtureHtml(name: string): string {
  return readFileSync(path.join(FIXTURE_DIR, name), 'utf8');
}
