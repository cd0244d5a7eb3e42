import RssParser from 'rss-parser';
import { FeedParseError } from '../errors/feed-parse-error.js';
import { balanceXml } from './balance-xml.js';
import { Warnings } from './warnings.js';
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

function xmlParser(strict: boolean): Xml2jsParser {
  const rssParser = new RssParser(strict ? {} : { xml2js: TOLERANT_XML2JS_OPTIONS });
  return (rssParser as unknown as { xmlParser: Xml2jsParser }).xmlParser;
}

function tryParse(xml: string, strict: boolean): { document?: XmlDocument; error?: unknown } {
  let outcome: { document?: XmlDocument; error?: unknown } = {
    error: new Error('XML parser did not finish'),
  };
  try {
    // xml2js calls back synchronously when `async` is off (its default).
    xmlParser(strict).parseString(xml, (error, result) => {
      if (error) {
        outcome = { error };
        return;
      }
      const entries = result && typeof result === 'object' ? Object.entries(result) : [];
      const [rootName, root] = entries[0] ?? [];
      if (rootName && root && typeof root === 'object')
        outcome = { document: { rootName, root: root as XmlElement, tolerant: !strict } };
      else outcome = { error: new Error('No root element') };
    });
  } catch (error) {
    outcome = { error };
  }
  return outcome;
}

/**
 * Parses feed XML with rss-parser's xml2js parser: strictly first; when that fails, again after
 * balancing the tags; then with the non-strict parser. Only when all three fail is the input
 * MALFORMED_XML.
 */
export function parseXml(xml: string, warnings: Warnings): XmlDocument {
  const strict = tryParse(xml, true);
  if (strict.document) return strict.document;
  const repairs = new Warnings();
  const balanced = balanceXml(xml, repairs);
  const second = tryParse(balanced, true);
  if (second.document) {
    warnings.addAll(repairs);
    return second.document;
  }
  const tolerant = tryParse(balanced, false);
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
