export type DetectedFormat =
  | { kind: 'json' }
  | { kind: 'xml'; root: 'rss' | 'feed' | 'rdf'; rootName: string; start: number; rootIndex: number }
  | { kind: 'html' }
  | { kind: 'unknown'; rootName: string | null };

// The first element of a feed, in any prefix: <rss>, <feed>, <rdf:RDF>.
const FEED_ROOT = /<(?:([\w.-]+):)?(rss|feed|RDF)[\s>/]/;
const XML_DECLARATION = /<\?xml[\s?]/;
// A page (or a fragment of one, as some servers send for redirects) rather than a feed.
const HTML_ROOTS = new Set(['html', 'head', 'body']);
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html|^\s*<html[\s>]/i;

/** The name of the first element, skipping declarations, comments, processing instructions, DOCTYPE. */
function firstElementName(text: string): { name: string; index: number } | null {
  let index = text.indexOf('<');
  while (index >= 0 && index < text.length) {
    if (text.startsWith('<!--', index)) index = text.indexOf('-->', index + 4);
    else if (text.startsWith('<?', index)) index = text.indexOf('?>', index + 2);
    else if (text.startsWith('<!', index)) {
      const subset = text.indexOf('[', index);
      const end = text.indexOf('>', index);
      index = subset >= 0 && subset < end ? text.indexOf(']>', subset) : end;
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(index, index + 200));
      if (match) return { name: match[1]!, index };
    }
    if (index < 0) return null;
    index = text.indexOf('<', index + 1);
  }
  return null;
}

/**
 * Where the comments, processing instructions and DOCTYPE that lead up to the root start: they are
 * the document's prolog, not garbage, when only whitespace separates them from each other and from
 * the root (a DOCTYPE may declare entities the document uses, so it must be kept).
 */
function prologStart(text: string, rootIndex: number): number {
  let runStart = -1;
  let index = 0;
  while (index < rootIndex) {
    const next = text.indexOf('<', index);
    const limit = next < 0 || next > rootIndex ? rootIndex : next;
    if (text.slice(index, limit).trim()) runStart = -1;
    if (limit === rootIndex) break;
    let end = -1;
    if (text.startsWith('<!--', next)) end = text.indexOf('-->', next + 4) + 3;
    else if (text.startsWith('<?', next)) end = text.indexOf('?>', next + 2) + 2;
    else if (text.startsWith('<!', next)) {
      const subset = text.indexOf('[', next);
      const close = text.indexOf('>', next);
      end = subset >= 0 && subset < close ? text.indexOf(']>', subset) + 2 : close + 1;
    }
    if (end <= next || end > rootIndex) {
      // Another tag, or a construct that runs into the root: garbage.
      runStart = -1;
      index = next + 1;
      continue;
    }
    if (runStart < 0) runStart = next;
    index = end;
  }
  return runStart >= 0 ? runStart : rootIndex;
}

/**
 * What a body is, from its content (never from the URL): JSON, a feed's XML (and where its
 * document really starts, after any garbage a server printed first), an HTML page, or something
 * else.
 */
export function detectFormat(text: string): DetectedFormat {
  const firstChar = /\S/.exec(text)?.[0];
  if (firstChar === '{' || firstChar === '[') return { kind: 'json' };
  const first = firstElementName(text);
  const localName = first?.name.replace(/^.*:/, '');
  let rootIndex = -1;
  if (first && (localName === 'rss' || localName === 'feed' || localName === 'RDF')) rootIndex = first.index;
  else if (first && HTML_ROOTS.has(first.name.toLowerCase())) return { kind: 'html' };
  else if (HTML_START.test(text)) return { kind: 'html' };
  else {
    const match = FEED_ROOT.exec(text);
    if (!match) return { kind: 'unknown', rootName: first?.name ?? null };
    rootIndex = match.index;
  }
  const rootName = /^<([\w.:-]+)/.exec(text.slice(rootIndex, rootIndex + 100))![1]!;
  const rootLocal = rootName.replace(/^.*:/, '');
  const root = rootLocal === 'RDF' ? 'rdf' : rootLocal === 'feed' ? 'feed' : 'rss';
  // Keep the XML declaration (and DOCTYPE/comments after it) when it comes before the root, else
  // the comments, processing instructions and DOCTYPE right before the root.
  const declaration = XML_DECLARATION.exec(text);
  const start =
    declaration && declaration.index < rootIndex ? declaration.index : prologStart(text, rootIndex);
  return { kind: 'xml', root, rootName, start, rootIndex };
}
