import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/ is two levels below it). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared test data, as the brief defines it: $NEWSFEED_SHARED_DIR or ../shared next to the repo. */
export const SHARED_DIR = process.env.NEWSFEED_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared');
