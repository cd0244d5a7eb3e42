import { createRequire } from 'node:module';
import type RssParser from 'rss-parser';
import { FeedParseError } from '../errors/feed-parse-error.js';
import { balanceXml } from './balance-xml.js';
import { buildXmlTree } from './build-xml-tree.js';
import { Warnings } from './warnings.js';
import { buildWellFormedXmlTree } from './well-formed-xml-tree.js';
import type { XmlElement } from './xml-node.js';

/** The xml2js parser rss-parser builds (rss-parser keeps it as `xmlParser`). */
interface Xml2jsParser {
  parseString(xml: string, callback: (error: Error | null, result: unknown) => void): void;
}

const lowerCase = (name: string) => name.toLowerCase();
/** sax's non-strict mode upper-cases names; these bring them back to lower case. */
const TOLERANT_XML2JS_OPTIONS = {
  strict: false,
  tagNameProcessors: [lowerCase],
  attrNameProcessors: [lowerCase],
};

export interface XmlDocument {
  rootName: string;
  root: XmlElement;
  /** Parsed by the non-strict parser: element and attribute names are lower-cased. */
  tolerant: boolean;
}

/**
 * rss-parser's own xml2js parser, non-strict (the recovery pass). Required on first use: few feeds
 * need it, and xml2js with its builder is about half of what importing /feed would load.
 */
function tolerantXmlParser(): Xml2jsParser {
  const RssParserClass = createRequire(import.meta.url)('rss-parser') as typeof RssParser;
  const rssParser = new RssParserClass({ xml2js: TOLERANT_XML2JS_OPTIONS });
  return (rssParser as unknown as { xmlParser: Xml2jsParser }).xmlParser;
}

function asDocument(rootName: string | undefined, root: unknown, tolerant: boolean): ParseOutcome {
  return rootName && root && typeof root === 'object'
    ? { document: { rootName, root: root as XmlElement, tolerant } }
    : { error: new Error('No root element') };
}

type ParseOutcome = { document?: XmlDocument; error?: unknown };

/**
 * The strict parse: the tree xml2js would build, read by the well-formed-document scanner when it
 * is sure of the document, else by the same sax tokenizer xml2js uses (buildXmlTree).
 */
function parseStrict(xml: string): ParseOutcome {
  const wellFormed = buildWellFormedXmlTree(xml);
  if (wellFormed) return asDocument(wellFormed.name, wellFormed.element, false);
  const outcome = buildXmlTree(xml);
  return 'error' in outcome ? outcome : asDocument(outcome.root.name, outcome.root.element, false);
}

function parseTolerant(xml: string): ParseOutcome {
  let outcome: ParseOutcome = { error: new Error('XML parser did not finish') };
  try {
    // xml2js calls back synchronously when `async` is off (its default).
    tolerantXmlParser().parseString(xml, (error, result) => {
      if (error) {
        outcome = { error };
        return;
      }
      const entries = result && typeof result === 'object' ? Object.entries(result) : [];
      const [rootName, root] = entries[0] ?? [];
      outcome = asDocument(rootName, root, true);
    });
  } catch (error) {
    outcome = { error };
  }
  return outcome;
}

/**
 * Parses feed XML into rss-parser's xml2js tree: strictly first (buildXmlTree); when that fails,
 * again after balancing the tags; then with rss-parser's own xml2js parser in non-strict mode. Only
 * when all three fail is the input MALFORMED_XML.
 */
export function parseXml(xml: string, warnings: Warnings): XmlDocument {
  const strict = parseStrict(xml);
  if (strict.document) return strict.document;
  const repairs = new Warnings();
  const balanced = balanceXml(xml, repairs);
  const second = parseStrict(balanced);
  if (second.document) {
    warnings.addAll(repairs);
    return second.document;
  }
  const tolerant = parseTolerant(balanced);
  if (tolerant.document) {
    warnings.addAll(repairs);
    const reason = strict.error instanceof Error ? strict.error.message.split('\n')[0] : String(strict.error);
    warnings.add('XML_REPAIRED', `Malformed XML (${reason}) read by the tolerant parser`);
    return tolerant.document;
  }
  throw new FeedParseError('MALFORMED_XML', 'The XML could not be parsed, even tolerantly', {
    cause: strict.error,
  });
}
