import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import RssParser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { buildXmlTree } from '../src/feed/build-xml-tree.js';
import { CORPUS_FEED_FILES, FEED_FIXTURE_FILES } from './lib/feed-documents.js';

// buildXmlTree must build exactly the tree rss-parser's (strict) xml2js parser builds, and fail
// exactly where it fails: parseFeed's strict pass relies on it in xml2js's place.

interface Xml2jsParser {
  parseString(
    xml: string,
    callback: (error: Error | null, result: Record<string, unknown> | null) => void,
  ): void;
}

type Outcome = { ok: true; tree: unknown } | { ok: false };

function viaRssParser(xml: string): Outcome {
  const parser = (new RssParser() as unknown as { xmlParser: Xml2jsParser }).xmlParser;
  let outcome: Outcome = { ok: false };
  try {
    parser.parseString(xml, (error, result) => {
      outcome = !error && result ? { ok: true, tree: result } : { ok: false };
    });
  } catch {
    outcome = { ok: false };
  }
  return outcome;
}

function viaBuilder(xml: string): Outcome {
  const outcome = buildXmlTree(xml);
  return 'error' in outcome
    ? { ok: false }
    : { ok: true, tree: { [outcome.root.name]: outcome.root.element } };
}

/** Plain JSON, so that xml2js's prototype-less objects and ours compare by content only. */
const plain = (outcome: Outcome) => JSON.parse(JSON.stringify(outcome));

const FIXTURES = FEED_FIXTURE_FILES;
const CORPUS_FILES = CORPUS_FEED_FILES;

const EDGE_CASES: Record<string, string> = {
  'text-only and empty elements': '<r><a>x</a><b/><c> </c><d><![CDATA[]]></d><e a="1"/></r>',
  'mixed text, CDATA and children': '<r>one<![CDATA[<two>]]><x>3</x> four</r>',
  'repeated children': '<r><i>1</i><i a="b">2</i><i><j/></i></r>',
  'names that are Object.prototype members':
    '<r __proto__="x" constructor="y"><__proto__>p</__proto__><constructor/><toString>t</toString></r>',
  'a child named cdata': '<r><cdata>1</cdata></r>',
  'an element named _ (the text key)': '<r><_>x</_></r>',
  'BOM and declaration': '\ufeff<?xml version="1.0"?><r>1</r>',
  'text after the root': '<r>1</r>garbage<x>',
  'unclosed root': '<r><a>1</a>',
  'mismatched tags': '<r><a></b></r>',
  'undeclared entity': '<r>&nbsp;</r>',
  'blank document': '  \n ',
  'text-only root': '<r>only text</r>',
  'no root': '<?xml version="1.0"?>',
};

describe('buildXmlTree builds what rss-parser builds', () => {
  it.each(Object.entries(EDGE_CASES))('%s', (_, xml) => {
    expect(plain(viaBuilder(xml))).toEqual(plain(viaRssParser(xml)));
  });

  it.each(FIXTURES.map((file) => [path.relative(import.meta.dirname, file), file]))(
    'fixture %s',
    (_, file) => {
      const xml = readFileSync(file, 'utf8');
      expect(plain(viaBuilder(xml))).toEqual(plain(viaRssParser(xml)));
    },
  );

  it.skipIf(CORPUS_FILES.length === 0)(
    'every feed of the shared corpus (skipped: ../shared/corpora/feeds absent)',
    () => {
      for (const file of CORPUS_FILES) {
        const xml = readFileSync(file, 'utf8');
        expect(plain(viaBuilder(xml)), file).toEqual(plain(viaRssParser(xml)));
      }
    },
  );

  it('arbitrary damage to a feed: same tree or the same failure', () => {
    const seed = readFileSync(FIXTURES.find((file) => file.includes('rss20-full'))!, 'utf8');
    const damage = fc.record({
      at: fc.nat({ max: seed.length }),
      cut: fc.nat({ max: 40 }),
      insert: fc.constantFrom('', '<', '>', '&', '</item>', '<p>', ']]>', '<![CDATA[', '"', '\u0001', 'x'),
    });
    fc.assert(
      fc.property(damage, ({ at, cut, insert }) => {
        const xml = seed.slice(0, at) + insert + seed.slice(at + cut);
        expect(plain(viaBuilder(xml))).toEqual(plain(viaRssParser(xml)));
      }),
      { numRuns: 300 },
    );
  });
});
