import { type AnyNode, type ChildNode, Element, type ParentNode, Text } from 'domhandler';
import { isElement, textOf } from './page-walk.js';

/** Blocks that keep their own element (holding their text) when a too-deep subtree is flattened. */
const KEPT_BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'figcaption',
  'td',
  'th',
]);
/** Elements without content that are kept as they are. */
const KEPT_EMPTY = new Set(['br', 'img', 'hr']);

/**
 * What a too-deep subtree becomes: its text and empty elements in document order, each block of
 * KEPT_BLOCKS as one element holding its text (so paragraphs stay paragraphs), every other
 * wrapper unwrapped. Iterative: the subtree may be nested tens of thousands deep.
 */
function flattenedChildren(element: Element): ChildNode[] {
  const out: ChildNode[] = [];
  const stack: AnyNode[] = [...element.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') out.push(new Text((node as Text).data));
    else if (!isElement(node)) continue;
    else if (KEPT_BLOCKS.has(node.name)) out.push(new Element(node.name, {}, [new Text(textOf(node))]));
    else if (KEPT_EMPTY.has(node.name)) out.push(new Element(node.name, { ...node.attribs }));
    else if (node.type === 'tag') {
      // A space where a block ended keeps the words of neighbouring blocks apart.
      stack.push(new Text(' '));
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
    }
  }
  return out;
}

function setChildren(parent: Element, children: ChildNode[]): void {
  parent.children = children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    child.parent = parent;
    child.prev = children[index - 1] ?? null;
    child.next = children[index + 1] ?? null;
  }
}

/**
 * Flattens the subtrees that reach below depth `maxDepth` (as walkElements counts it), so no later
 * stage (selectors, jsdom, Readability) meets absurd nesting: the page is then at most `maxDepth`
 * deep. Returns how many subtrees were flattened. Linear in the page size, without recursion.
 */
export function flattenDeepNesting(root: ParentNode, maxDepth: number): number {
  // Flattened subtrees hang at this depth; their kept blocks are one level below.
  const flattenAt = Math.max(maxDepth - 1, 1);
  let flattened = 0;
  const stack: Array<{ node: AnyNode; depth: number }> = root.children.map((node) => ({ node, depth: 1 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isElement(node)) continue;
    if (depth === flattenAt) {
      if (node.children.some(isElement)) {
        setChildren(node, flattenedChildren(node));
        flattened++;
      }
      continue;
    }
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  return flattened;
}
