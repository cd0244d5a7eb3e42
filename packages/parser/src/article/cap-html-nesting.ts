// HTML parsers keep their open elements in an array they shift and search: nesting tens of
// thousands deep costs them quadratic time before any guard on the parsed tree can act. This scan
// caps nesting on the markup itself, in one linear pass.

/** Elements that never have content. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose end tag may be left out: pages leave hundreds open, so they are not counted. */
const OPTIONAL_END = new Set([
  'html',
  'head',
  'body',
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
  'caption',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
]);
/** Elements whose content is text up to their end tag. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
]);

const TAG_NAME = /[A-Za-z][^\s/>]*/y;
const rawTextEnds = new Map<string, RegExp>();

/** Where the end tag of raw-text element `name` starts, searching from `from`; -1 if nowhere. */
function rawTextEnd(html: string, name: string, from: number): number {
  let pattern = rawTextEnds.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name}`, 'gi');
    rawTextEnds.set(name, pattern);
  }
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

/**
 * `html` with the tags that would nest elements deeper than `maxDepth` removed (their content
 * stays, in the element at the cap), or null when nothing nests that deep. Elements with optional
 * end tags (p, li, td...) are neither counted nor removed, so paragraphs survive.
 */
export function capHtmlNesting(html: string, maxDepth: number): { html: string; removed: number } | null {
  const open: string[] = [];
  // Open tags removed, by name, whose end tags are removed too.
  const removedOpen = new Map<string, number>();
  const parts: string[] = [];
  let copiedTo = 0;
  let removed = 0;
  const remove = (start: number, end: number) => {
    // One space for a run of removed tags keeps words apart without a run of spaces.
    if (start > copiedTo || parts.length === 0) parts.push(html.slice(copiedTo, start), ' ');
    copiedTo = end;
    removed++;
  };
  let index = html.indexOf('<');
  while (index >= 0 && index < html.length) {
    if (html.startsWith('<!--', index)) {
      const end = html.indexOf('-->', index + 4);
      if (end < 0) break;
      index = html.indexOf('<', end + 3);
      continue;
    }
    const next = html.charCodeAt(index + 1);
    const closing = next === 47; /* / */
    TAG_NAME.lastIndex = index + (closing ? 2 : 1);
    const name = TAG_NAME.exec(html)?.[0].toLowerCase();
    if (name === undefined) {
      // Not a tag ("a < b", a declaration): text to the parser.
      index = html.indexOf('<', index + 1);
      continue;
    }
    const end = html.indexOf('>', index);
    if (end < 0) break;
    if (OPTIONAL_END.has(name) || VOID_ELEMENTS.has(name)) {
      index = html.indexOf('<', end + 1);
      continue;
    }
    if (closing) {
      // Removed elements were opened inside the kept ones: their end tags come first.
      const pending = removedOpen.get(name) ?? 0;
      if (pending > 0) {
        removedOpen.set(name, pending - 1);
        remove(index, end + 1);
      } else if (open.at(-1) === name) open.pop();
      else {
        const at = open.lastIndexOf(name);
        if (at >= 0) open.length = at;
      }
    } else if (open.length >= maxDepth) {
      removedOpen.set(name, (removedOpen.get(name) ?? 0) + 1);
      remove(index, end + 1);
    } else {
      if (RAW_TEXT.has(name)) {
        const close = rawTextEnd(html, name, end + 1);
        const closeEnd = close < 0 ? -1 : html.indexOf('>', close);
        if (closeEnd < 0) break;
        index = html.indexOf('<', closeEnd + 1);
        continue;
      }
      open.push(name);
    }
    index = html.indexOf('<', end + 1);
  }
  if (removed === 0) return null;
  parts.push(html.slice(copiedTo));
  return { html: parts.join(''), removed };
}
