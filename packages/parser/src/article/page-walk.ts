import type { AnyNode, Element, ParentNode } from 'domhandler';

/** What a walk over the page saw; the guards compare these against their limits. */
export interface PageShape {
  elements: number;
  maxDepth: number;
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/**
 * Visits every element below `root` in document order without recursion (a page nested ten
 * thousand deep must not overflow the stack). `visit` returns false to skip an element's subtree,
 * e.g. because it has just been removed.
 */
export function walkElements(
  root: ParentNode,
  visit: (element: Element, depth: number) => boolean | undefined,
): PageShape {
  const stack: Array<{ node: AnyNode; depth: number }> = [];
  for (let index = root.children.length - 1; index >= 0; index--)
    stack.push({ node: root.children[index]!, depth: 1 });
  let elements = 0;
  let maxDepth = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isElement(node)) continue;
    elements++;
    if (depth > maxDepth) maxDepth = depth;
    if (visit(node, depth) === false) continue;
    const children = node.children;
    for (let index = children.length - 1; index >= 0; index--)
      stack.push({ node: children[index]!, depth: depth + 1 });
  }
  return { elements, maxDepth };
}

/** The text of a subtree without recursion (cheerio's .text() recurses and overflows on deep pages). */
export function textOf(root: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push((node as { data: string }).data);
    else if (isElement(node) || node.type === 'root') {
      const children = (node as ParentNode).children;
      for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
    }
  }
  return parts.join('');
}

const LINK_OR_SKIPPED = new Set(['a', 'script', 'style', 'noscript', 'template']);

/**
 * Characters of visible prose below `root`, not counting whitespace, link text or scripts: the
 * measure of how much of a page's story a block holds.
 */
export function proseLength(root: AnyNode): number {
  let length = 0;
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      const data = (node as { data: string }).data;
      for (let index = 0; index < data.length; index++) if (data.charCodeAt(index) > 32) length++;
    } else if (node.type === 'root' || (isElement(node) && !LINK_OR_SKIPPED.has(node.name))) {
      const children = (node as ParentNode).children;
      for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
    }
  }
  return length;
}

/**
 * Each text character below `root` weighted by its depth under it: what Readability's passes cost,
 * since they measure every candidate's text and walk each node up its ancestors.
 */
export function textDepthCost(root: AnyNode): number {
  let cost = 0;
  const stack: Array<{ node: AnyNode; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node.type === 'text') cost += (node as { data: string }).data.length * depth;
    else if (node.type === 'root' || isElement(node)) {
      for (const child of (node as ParentNode).children) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return cost;
}

/** The text of the first node of a cheerio selection, or "" for an empty one. */
export function firstText(selection: ArrayLike<AnyNode>): string {
  const node = selection[0];
  return node ? textOf(node) : '';
}
