import sax from 'sax';
import type { XmlElement, XmlNode } from './xml-node.js';
import { closeElement, type OpenElement, setOwn } from './xml-tree-shape.js';

/**
 * A strict XML parse on sax into the tree rss-parser's xml2js builds by default (attributes in `$`,
 * text in `_`, children by name in arrays), without xml2js's per-element overhead. It yields and
 * fails where rss-parser's `xmlParser.parseString` does (tests compare them), except that an element
 * named `_`, which xml2js garbles into its parent's text, always fails here.
 */

export type XmlTreeOutcome = { root: { name: string; element: XmlNode } } | { error: Error };

/**
 * Parses `xml` strictly; the outcome is the root element (as soon as it closes: what follows the
 * root is ignored, as in xml2js) or the first error before it closes.
 */
export function buildXmlTree(xml: string): XmlTreeOutcome {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (!text.trim()) return { error: new Error('No root element') };
  const parser = sax.parser(true, { trim: false, normalize: false });
  const stack: OpenElement[] = [];
  let root: { name: string; element: XmlNode } | null = null;
  parser.onopentag = (tag) => {
    // `_` holds an element's text in this tree; xml2js garbles or rejects an element of that name.
    if (tag.name === '_')
      throw new Error('An element named "_" cannot be represented (xml2js keeps text there)');
    const element: XmlElement = {};
    let attributes: Record<string, string> | undefined;
    for (const name in tag.attributes) {
      if (!Object.hasOwn(tag.attributes, name)) continue;
      attributes ??= {};
      setOwn(attributes, name, tag.attributes[name]);
    }
    if (attributes) element.$ = attributes;
    stack.push({ name: tag.name, element, text: '', cdata: false, structured: attributes !== undefined });
  };
  parser.onclosetag = () => {
    const open = stack.pop();
    if (!open) return;
    const node = closeElement(open, stack);
    if (node !== null && !root) root = { name: open.name, element: node };
  };
  parser.ontext = (chunk) => {
    const open = stack[stack.length - 1];
    if (open) open.text += chunk;
  };
  parser.oncdata = (chunk) => {
    const open = stack[stack.length - 1];
    if (!open) return;
    open.text += chunk;
    open.cdata = true;
  };
  parser.onerror = (error) => {
    // After the root closed, xml2js has already answered; later errors change nothing.
    if (root) (parser as unknown as { resume(): void }).resume();
    else throw error;
  };
  try {
    parser.write(text).close();
  } catch (error) {
    if (!root) return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  return root ? { root } : { error: new Error('No root element') };
}
