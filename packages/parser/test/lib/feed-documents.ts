import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sharedCorpus } from './shared-corpus.js';

// The XML feed documents the tree-builder tests compare parsers on: our fixtures and, when
// ../shared is present, the shared feed corpora.

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return xmlFiles(file);
    return /\.(xml|rss|atom|rdf)$/.test(name) ? [file] : [];
  });
}

/** Every feed fixture but error-deep-nesting: refused before any parse, too deep to compare as JSON. */
export const FEED_FIXTURE_FILES = xmlFiles(path.join(import.meta.dirname, '..', 'fixtures', 'feeds')).filter(
  (file) => !file.includes('error-deep-nesting'),
);

const CORPUS = sharedCorpus('feeds');
/** The shared corpus's feed files; empty when ../shared is absent. */
export const CORPUS_FEED_FILES = CORPUS ? xmlFiles(CORPUS) : [];
