import { Parser } from 'htmlparser2';

// Stored HTML was sanitized when it was ingested; this second, stricter pass runs on every render
// (defense in depth): whatever reaches the page is an allowlist of inert tags and attributes, so a
// bug or a bypass upstream can never become script running on our origin.

const ALLOWED_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'dd',
  'del',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'picture',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
]);

/** Elements dropped together with everything inside them. */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'template',
  'svg',
  'math',
  'form',
  'textarea',
  'select',
  'button',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'video',
  'audio',
  'canvas',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
]);

const VOID_TAGS = new Set(['br', 'hr', 'img']);

const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  '*': ['title', 'lang', 'dir'],
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start', 'reversed'],
  time: ['datetime'],
  blockquote: ['cite'],
  q: ['cite'],
};

const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);
const NUMERIC_ATTRIBUTES = new Set(['width', 'height', 'colspan', 'rowspan', 'start']);
const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const SAFE_IMAGE_PROTOCOLS = new Set(['http:', 'https:']);
/** Headings inside an article never outrank the page's own h1. */
// A Map: tag names come from stored HTML, and `<constructor>` must not find Object's.
const RENAMED_TAGS: ReadonlyMap<string, string> = new Map([['h1', 'h2']]);

export interface RenderHtmlOptions {
  /** Resolves relative links and images (the article's URL). */
  baseUrl?: string | null;
  /** Tags allowed in this context, when narrower than the default (e.g. only `mark` in snippets). */
  allowTags?: ReadonlySet<string>;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** An absolute URL with an allowed scheme, or null (javascript:, data:, vbscript:, garbage). */
export function safeUrl(
  raw: string,
  baseUrl: string | null | undefined,
  protocols: ReadonlySet<string>,
): string | null {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const cleaned = raw
    .replace(/[\u0000-\u0020\u007f]+/g, (match, offset: number) => (offset === 0 ? '' : match))
    .trim();
  if (cleaned === '') return null;
  let url: URL;
  try {
    url = baseUrl ? new URL(cleaned, baseUrl) : new URL(cleaned);
  } catch {
    return null;
  }
  return protocols.has(url.protocol) ? url.href : null;
}

function renderAttributes(
  tag: string,
  attributes: Record<string, string>,
  options: RenderHtmlOptions,
): string {
  const allowed = new Set([...(ALLOWED_ATTRIBUTES['*'] ?? []), ...(ALLOWED_ATTRIBUTES[tag] ?? [])]);
  const parts: string[] = [];
  for (const [rawName, value] of Object.entries(attributes)) {
    const name = rawName.toLowerCase();
    if (!allowed.has(name)) continue;
    if (URL_ATTRIBUTES.has(name)) {
      const url = safeUrl(value, options.baseUrl, tag === 'img' ? SAFE_IMAGE_PROTOCOLS : SAFE_LINK_PROTOCOLS);
      if (url !== null) parts.push(`${name}="${escapeHtml(url)}"`);
    } else if (!NUMERIC_ATTRIBUTES.has(name) || /^\d{1,5}$/.test(value)) {
      parts.push(`${name}="${escapeHtml(value)}"`);
    }
  }
  if (tag === 'a') parts.push('rel="nofollow noopener noreferrer ugc"');
  if (tag === 'img') parts.push('loading="lazy"', 'decoding="async"', 'referrerpolicy="no-referrer"');
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/** Re-sanitizes stored HTML into an inert allowlist of tags and attributes. */
export function renderSafeHtml(html: string | null | undefined, options: RenderHtmlOptions = {}): string {
  if (!html) return '';
  const allowTags = options.allowTags ?? ALLOWED_TAGS;
  const out: string[] = [];
  const open: string[] = [];
  let dropDepth = 0;

  const parser = new Parser(
    {
      onopentag(rawName, attributes) {
        const name = RENAMED_TAGS.get(rawName) ?? rawName;
        // htmlparser2 pairs every open with a close (implied for void tags and at the end).
        if (dropDepth > 0 || DROPPED_WITH_CONTENT.has(name)) {
          dropDepth++;
          return;
        }
        if (!allowTags.has(name)) return;
        if (name === 'img' && !attributes.src) return;
        out.push(`<${name}${renderAttributes(name, attributes, options)}>`);
        if (!VOID_TAGS.has(name)) open.push(name);
      },
      ontext(text) {
        if (dropDepth === 0) out.push(escapeHtml(text));
      },
      onclosetag(rawName) {
        const name = RENAMED_TAGS.get(rawName) ?? rawName;
        if (dropDepth > 0) {
          dropDepth--;
          return;
        }
        if (VOID_TAGS.has(name) || !allowTags.has(name)) return;
        const index = open.lastIndexOf(name);
        if (index === -1) return;
        while (open.length > index) out.push(`</${open.pop()}>`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  while (open.length > 0) out.push(`</${open.pop()}>`);
  return out.join('');
}

const SNIPPET_TAGS = new Set(['mark']);

/** A search snippet: text with `<mark>` highlights and nothing else. */
export function renderSnippetHtml(html: string): string {
  return renderSafeHtml(html, { allowTags: SNIPPET_TAGS });
}

/** An http(s) link to somewhere else, or undefined: stored URLs never become `javascript:` hrefs. */
export function externalHref(url: string | null | undefined): string | undefined {
  return url ? (safeUrl(url, null, SAFE_IMAGE_PROTOCOLS) ?? undefined) : undefined;
}
