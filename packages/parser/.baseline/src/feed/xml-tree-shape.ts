import type { XmlElement, XmlNode } from './xml-node.js';

// How the xml2js tree is assembled (attributes in `$`, text in `_`, children by name in arrays, a
// text-only element as its string): shared by the sax-based builder (buildXmlTree) and the
// well-formed-document scanner (buildWellFormedXmlTree), so both build the same tree.

const BLANK = /^\s*$/;

export interface OpenElement {
  name: string;
  element: XmlElement;
  text: string;
  /** Whether a non-empty CDATA section was read (its text is kept even when blank). */
  cdata: boolean;
  /** Whether the element has attributes or child elements (else it may collapse to its text). */
  structured: boolean;
}

/** Sets an own property even for the name `__proto__`, so no element name reaches a prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

function append(parent: XmlElement, name: string, child: XmlNode): void {
  if (Object.hasOwn(parent, name)) (parent[name] as XmlNode[]).push(child);
  else setOwn(parent, name, [child]);
}

/** xml2js's end of an element: blank text dropped, a text-only element becomes its string. */
function finish(open: OpenElement): XmlNode {
  const { element, text } = open;
  const blank = !open.cdata && BLANK.test(text);
  if (open.structured) {
    if (!blank) element._ = text;
    return element;
  }
  return text;
}

/**
 * Closes `open` (the top of `stack`, already popped): adds it to its parent, or returns it when it
 * was the root.
 */
export function closeElement(open: OpenElement, stack: readonly OpenElement[]): XmlNode | null {
  const node = finish(open);
  const parent = stack[stack.length - 1];
  if (!parent) return node;
  append(parent.element, open.name, node);
  parent.structured = true;
  return null;
}
