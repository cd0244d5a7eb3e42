import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceXml } from '../src/feed/balance-xml.js';
import { buildXmlTree } from '../src/feed/build-xml-tree.js';
import { detectFormat } from '../src/feed/detect-format.js';
import { repairXml } from '../src/feed/repair-xml.js';
import { Warnings } from '../src/feed/warnings.js';
import { buildWellFormedXmlTree } from '../src/feed/well-formed-xml-tree.js';
import { EntityExpansionBudget } from '../src/feed/xml-safety.js';
import { CORPUS_FEED_FILES, FEED_FIXTURE_FILES } from './lib/feed-documents.js';

// buildWellFormedXmlTree stands in for buildXmlTree (sax) on the documents it is sure of: where it
// answers, it must build exactly buildXmlTree's tree, and buildXmlTree must not fail there. Where
// it is unsure it answers null and parseFeed asks sax; the tests also check that it is sure of
// ordinary well-formed feeds, or it would be no faster.

type Outcome = { ok: true; tree: unknown } | { ok: false };

function viaSax(xml: string): Outcome {
  const outcome = buildXmlTree(xml);
  return 'error' in outcome
    ? { ok: false }
    : { ok: true, tree: { [outcome.root.name]: outcome.root.element } };
}

/** The scanner's answer, or null when it left the document to sax. */
function viaScanner(xml: string): Outcome | null {
  const root = buildWellFormedXmlTree(xml);
  return root ? { ok: true, tree: { [root.name]: root.element } } : null;
}

/** Plain JSON: trees compare by content, own `__proto__` keys included. */
const plain = (outcome: Outcome) => JSON.parse(JSON.stringify(outcome));

/** The scanner agrees with sax, or leaves the document to it; returns whether it answered. */
function expectAgreement(xml: string, label?: string): boolean {
  const scanned = viaScanner(xml);
  if (scanned === null) return false;
  expect(plain(scanned), label).toEqual(plain(viaSax(xml)));
  return true;
}

/** The texts parseFeed's strict passes see for a file: as read, repaired, and balanced. */
function strictPassInputs(text: string): string[] {
  const detected = detectFormat(text);
  if (detected.kind !== 'xml') return [text];
  try {
    const repaired = repairXml(
      text,
      detected,
      new EntityExpansionBudget(Number.MAX_SAFE_INTEGER),
      new Warnings(),
    );
    return [text, repaired, balanceXml(repaired, new Warnings())];
  } catch {
    // Refused (entity bomb, nesting): no strict pass runs on it.
    return [text];
  }
}

const FIXTURES = FEED_FIXTURE_FILES;
const CORPUS_FILES = CORPUS_FEED_FILES;

/** Documents sax reads in its own way, or rejects: the scanner must agree or leave them to sax. */
const EDGE_CASES: Record<string, string> = {
  'text-only and empty elements': '<r><a>x</a><b/><c> </c><d><![CDATA[]]></d><e a="1"/></r>',
  'blank CDATA kept, empty CDATA not': '<r><a x="1"><![CDATA[ ]]></a><b x="1"><![CDATA[]]></b></r>',
  'mixed text, CDATA, comments and children': '<r>one<![CDATA[<two>]]><!-- c --><x>3</x> four</r>',
  'repeated children': '<r><i>1</i><i a="b">2</i><i><j/></i></r>',
  'names that are Object.prototype members':
    '<r constructor="y" toString="z"><__proto__>p</__proto__><constructor/><toString>t</toString></r>',
  'attribute __proto__ (sax drops it)': '<r __proto__="x" a="1">t</r>',
  'attribute hasOwnProperty': '<r hasOwnProperty="x" a="1">t</r>',
  'duplicate attribute (sax keeps the first)': '<r a="1" a="2">t</r>',
  'an element named _': '<r><_>x</_></r>',
  'BOM, declaration, stylesheet and comments before the root':
    '\ufeff<?xml version="1.0"?>\n<?xml-stylesheet href="a.xsl"?>\n<!-- hi -->\n<r>1</r>',
  'processing instruction with "??>"': '<?a b??><r>1</r>?>',
  'processing instruction "<?>"': '<?><r>1</r>?>',
  'comment with "--" inside': '<!-- a -- b --><r>1</r>',
  'comment "<!--->"': '<!---><r>1</r>-->',
  'comment ending "--->"': '<r><!-- a ---></r>',
  'text after the root': '<r>1</r>garbage<x>',
  'unclosed root': '<r><a>1</a>',
  'mismatched tags': '<r><a></b></r>',
  'close tag with spaces': '<r><a>1</a  ><b>2</b\n></r>',
  'close tag with space after "</"': '<r><a>1</ a></r>',
  'close tag with a longer name': '<r><a>1</ab></a></r>',
  'predefined entities and references':
    '<r a="&lt;&amp;&#39;&#x27;&#X27;&#0039;">&gt;&quot;&apos;&#x1F600;&#128512;</r>',
  'upper-case entity name': '<r>&AMP;</r>',
  'undeclared entity': '<r>&nbsp;</r>',
  'reference to a forbidden character': '<r>&#0;&#x1;</r>',
  'reference to a surrogate': '<r>&#xD800;</r>',
  'reference past Unicode': '<r>&#x110000;</r>',
  'reference with junk': '<r>&#39a;</r>',
  'ampersand without a semicolon': '<r>a & b</r>',
  'entity name Object.prototype member': '<r>&constructor;</r>',
  'attribute values with markup, newlines and the other quote':
    '<r a="x<y>z" b=\'say "hi"\' c="l1\nl2\tl3"/>',
  'attribute without value': '<r a>1</r>',
  'unquoted attribute': '<r a=1>1</r>',
  'no space between attributes': '<r a="1"b="2">1</r>',
  'spaces around "="': '<r a = "1" >1</r>',
  'space after "<"': '<r>< a>1</a></r>',
  'slash not followed by >': '<r><a / ></r>',
  'non-ASCII names': '<r><é>1</é><aé>2</aé><a b\u00e9="1"/></r>',
  'lower-case CDATA keyword': '<r><![cdata[x]]></r>',
  'CDATA with "]]]>"': '<r><![CDATA[a]]]></r>',
  DOCTYPE: '<!DOCTYPE r><r>1</r>',
  'SGML declaration': '<!FOO bar><r>1</r>',
  'text before the root': 'x<r>1</r>',
  'non-breaking space before the root': '\u00a0<r>1</r>',
  'blank document': '  \n ',
  'text-only root': '<r>only text</r>',
  'self-closing root': '<r/>',
  'no root': '<?xml version="1.0"?>',
  'document ending in "<"': '<r>1<',
  'second root after the first': '<r>1</r><s>2</s>',
};

describe('buildWellFormedXmlTree builds what buildXmlTree builds, or leaves it to sax', () => {
  it.each(Object.entries(EDGE_CASES))('%s', (label, xml) => {
    expectAgreement(xml, label);
  });

  it('reads ordinary well-formed documents itself', () => {
    for (const key of [
      'text-only and empty elements',
      'blank CDATA kept, empty CDATA not',
      'mixed text, CDATA, comments and children',
      'names that are Object.prototype members',
      'BOM, declaration, stylesheet and comments before the root',
      'close tag with spaces',
      'predefined entities and references',
      'attribute values with markup, newlines and the other quote',
      'spaces around "="',
    ]) {
      expect(viaScanner(EDGE_CASES[key]!), key).not.toBeNull();
    }
  });

  it.each(FIXTURES.map((file) => [path.relative(import.meta.dirname, file), file]))(
    'fixture %s, as read, repaired and balanced',
    (_, file) => {
      for (const xml of strictPassInputs(readFileSync(file, 'utf8'))) expectAgreement(xml);
    },
  );

  it.skipIf(CORPUS_FILES.length === 0)(
    'every feed of the shared corpus (skipped: ../shared/corpora/feeds absent)',
    () => {
      let read = 0;
      let wellFormed = 0;
      for (const file of CORPUS_FILES) {
        for (const xml of strictPassInputs(readFileSync(file, 'utf8'))) {
          if (expectAgreement(xml, file)) read++;
          if (viaSax(xml).ok) wellFormed++;
        }
      }
      // Real feeds are mostly plain XML: the scanner reads nearly all that sax reads.
      expect(read).toBeGreaterThan(wellFormed * 0.9);
    },
  );

  it('arbitrary documents, well-formed or with one odd piece: the same tree, or left to sax', () => {
    // Pieces where sax and a hand-written scanner could part ways: names, quoting, references,
    // comments, PIs, CDATA, stray markup and whitespace of every kind sax knows.
    const text = fc.constantFrom(
      'text',
      ' ',
      '\n',
      '\r\n',
      '\t',
      '\u00a0',
      'é',
      '&amp;',
      '&lt;&gt;&quot;&apos;',
      '&#39;',
      '&#0039;',
      '&#x1F600;',
      '&#X41;',
      '>',
      ']]>',
      '"\'',
    );
    const odd = fc.constantFrom(
      '&#0;',
      '&#xD800;',
      '&nbsp;',
      '&AMP;',
      '&',
      '&#39a;',
      '<',
      '< a>',
      '</ a>',
      '</zz>',
      '<a x>',
      '<a x=1>',
      '<a x="1"y="2">',
      '<a x="1" x="2">',
      '<a __proto__="1">',
      '<!-- - -- -->',
      '<!--->',
      '<?pi ?? ?>',
      '<!DOCTYPE a>',
      '<!FOO>',
      '<![cdata[x]]>',
      '<_>x</_>',
      '<é>x</é>',
      '<a/ >',
      '\ufeff',
      'x',
    );
    const markup = fc.constantFrom(
      '<![CDATA[x<y>]]>',
      '<![CDATA[]]>',
      '<![CDATA[ ]]>',
      '<!-- c -->',
      '<!---->',
      '<?pi body?>',
    );
    const name = fc.constantFrom('a', 'b', 'd:e', 'x.y', '_a', 'a-b', 'A1', '__proto__', 'constructor');
    const attribute = fc
      .tuple(
        fc.constantFrom('x', 'y', 'd:z', 'href', 'toString'),
        fc.array(text, { maxLength: 3 }),
        fc.constantFrom('"', "'"),
        fc.constantFrom('', ' ', '\n'),
      )
      .map(([key, value, quote, space]) => {
        const body = value.join('').replaceAll(quote, quote === '"' ? '&quot;' : '&apos;');
        return ` ${key}${space}=${space}${quote}${body}${quote}`;
      });
    const { element } = fc.letrec<{ element: string; node: string }>((tie) => ({
      element: fc
        .tuple(
          name,
          fc.uniqueArray(attribute, { maxLength: 3, selector: (a) => a.split('=')[0]!.trim() }),
          fc.array(tie('node'), { maxLength: 4 }),
          fc.constantFrom('', ' ', '\n'),
          fc.boolean(),
        )
        .map(([tag, attributes, children, closeSpace, selfClose]) =>
          selfClose && children.length === 0
            ? `<${tag}${attributes.join('')}${closeSpace}/>`
            : `<${tag}${attributes.join('')}>${children.join('')}</${tag}${closeSpace}>`,
        ),
      node: fc.oneof({ depthSize: 'small' }, text, markup, tie('element')),
    }));
    const prolog = fc.constantFrom(
      '',
      '<?xml version="1.0"?>\n',
      '\ufeff<?xml version="1.0"?>',
      '<!-- c -->\n',
      ' ',
    );
    const documents = fc
      .tuple(prolog, element, fc.constantFrom('', '\n', ' trailing <x>'))
      .map((parts) => parts.join(''));
    const damaged = fc.tuple(documents, fc.nat(), odd).map(([xml, at, piece]) => {
      const index = at % (xml.length + 1);
      return xml.slice(0, index) + piece + xml.slice(index);
    });
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(documents, damaged), (xml) => {
        if (expectAgreement(xml)) read++;
      }),
      { numRuns: 3000 },
    );
    // The well-formed half is mostly read by the scanner itself, so the comparison means something.
    expect(read).toBeGreaterThan(1000);
  });

  it('arbitrary damage to a feed: the same tree, or left to sax', () => {
    const seed = readFileSync(FIXTURES.find((file) => file.includes('rss20-full'))!, 'utf8');
    const damage = fc.record({
      at: fc.nat({ max: seed.length }),
      cut: fc.nat({ max: 40 }),
      insert: fc.constantFrom(
        '',
        '<',
        '>',
        '&',
        '&amp;',
        '&#38;',
        '</item>',
        '<p>',
        ']]>',
        '<![CDATA[',
        '<!--',
        '-->',
        '<?',
        '?>',
        '"',
        "'",
        '=',
        ' ',
        '/',
        '\u0001',
        'x',
      ),
    });
    fc.assert(
      fc.property(damage, ({ at, cut, insert }) => {
        expectAgreement(seed.slice(0, at) + insert + seed.slice(at + cut));
      }),
      { numRuns: 1000 },
    );
  });
});
