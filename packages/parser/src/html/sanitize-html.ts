import { decodeHTML, escapeAttribute, escapeText } from 'entities';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_TAGS,
  DROP_WITH_CONTENT,
  IFRAME_HOST_ALLOWLIST,
  TRACKING_PIXEL_PATTERNS,
  URL_ATTRIBUTES,
  VOID_TAGS,
} from './html-policy.js';
import { collapseWhitespace, createTextCollector, HAS_MARKUP, type TextCollector } from './html-to-text.js';
import { parseHtml } from './parse-html.js';
import { safeSrcset, safeUrl } from './url-policy.js';

export interface SanitizeOptions {
  /** Relative links and image sources are resolved against this address. */
  baseUrl?: string;
}

const MEDIA_TAGS = new Set(['img', 'source', 'video', 'audio', 'track', 'iframe']);

function isAllowedIframe(src: string | null): boolean {
  if (!src) return false;
  let host: string;
  try {
    host = new URL(src).hostname;
  } catch {
    return false;
  }
  for (
    let candidate = host;
    candidate.includes('.');
    candidate = candidate.slice(candidate.indexOf('.') + 1)
  ) {
    if (IFRAME_HOST_ALLOWLIST.has(candidate)) return true;
  }
  return false;
}

/** `hasSrcset`: an image with only a srcset is a real (responsive) image, not a pixel. */
function isTrackingPixel(
  attributes: Record<string, string>,
  src: string | null,
  hasSrcset: boolean,
): boolean {
  if (!src) return !hasSrcset;
  const width = Number.parseInt(attributes.width ?? '', 10);
  const height = Number.parseInt(attributes.height ?? '', 10);
  if ((width <= 1 && height <= 1) || width === 0 || height === 0) return true;
  return TRACKING_PIXEL_PATTERNS.some((pattern) => pattern.test(src));
}

/** The attributes of `tag` that survive, serialized (` name="value"`...), or null to drop the tag. */
function filterAttributes(tag: string, attributes: Record<string, string>, baseUrl?: string): string | null {
  const allowed = ALLOWED_ATTRIBUTES.get(tag);
  let out = '';
  let src: string | null = null;
  let href: string | null = null;
  for (const [name, value] of Object.entries(attributes)) {
    if (!allowed?.has(name) && !(allowed === undefined && (name === 'title' || name === 'lang'))) continue;
    let kept: string | null = value;
    if (URL_ATTRIBUTES.has(name)) {
      kept = safeUrl(value, name === 'href' || name === 'cite' ? 'link' : 'media', baseUrl);
      if (name === 'src') src = kept;
      if (name === 'href') href = kept;
    } else if (name === 'srcset') {
      kept = safeSrcset(value, baseUrl);
    }
    if (kept === null) continue;
    out += kept === '' && name !== 'alt' ? ` ${name}` : ` ${name}="${escapeAttribute(kept)}"`;
  }
  if (tag === 'img' && isTrackingPixel(attributes, src, out.includes(' srcset='))) return null;
  if (tag === 'iframe' && !isAllowedIframe(src)) return null;
  if (tag === 'a' && href === null) return null;
  if (MEDIA_TAGS.has(tag) && tag !== 'video' && tag !== 'audio' && src === null && !out.includes('srcset=')) {
    return null;
  }
  return out;
}

/**
 * Keeps an article's structure and removes whatever can run or track: scripts, styles, handlers,
 * javascript: and non-image data: URLs, forms, objects, iframes outside IFRAME_HOST_ALLOWLIST,
 * tracking pixels. Unknown tags are unwrapped; the output is balanced, URLs absolute against `baseUrl`.
 */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  return runSanitizer(html, options.baseUrl);
}

/**
 * sanitizeHtml and the htmlToText of its result in one pass over the HTML (feeds need both for
 * every item; one tokenizer run instead of two).
 */
export function sanitizeHtmlWithText(
  html: string,
  options: SanitizeOptions = {},
): { html: string; text: string } {
  if (!html.includes('<')) {
    // Text and entities only: no parser needed.
    const decoded = HAS_MARKUP.test(html) ? decodeHTML(html) : html;
    return { html: escapeText(decoded).trim(), text: collapseWhitespace(decoded) };
  }
  const collector = createTextCollector();
  return { html: runSanitizer(html, options.baseUrl, collector), text: collector.finish() };
}

/** The sanitizer; what it keeps is also reported to `kept` (a text collector). */
function runSanitizer(html: string, baseUrl: string | undefined, kept?: TextCollector): string {
  let out = '';
  // Every open tag, and whether it was written out (false: unwrapped, its children kept).
  const stack: { tag: string; emitted: boolean }[] = [];
  let dropDepth = 0;
  let dropTag = '';

  parseHtml(html, {
    onopentag(tag, attributes) {
      if (dropDepth > 0) {
        if (tag === dropTag) dropDepth++;
        return;
      }
      if (DROP_WITH_CONTENT.has(tag) && tag !== 'iframe') {
        // htmlparser2 reports a close for void elements (<input>, <meta>) too, so this balances.
        dropDepth = 1;
        dropTag = tag;
        return;
      }
      let emitted = false;
      if (ALLOWED_TAGS.has(tag)) {
        const kept = filterAttributes(tag, attributes, baseUrl);
        if (kept === null && tag === 'iframe') {
          dropDepth = 1;
          dropTag = tag;
          return;
        }
        if (kept !== null) {
          out += `<${tag}${kept}>`;
          emitted = true;
        }
      }
      if (!VOID_TAGS.has(tag)) stack.push({ tag, emitted });
      kept?.onopentag(tag);
    },
    ontext(text) {
      if (dropDepth > 0) return;
      out += escapeText(text);
      kept?.ontext(text);
    },
    onclosetag(tag) {
      if (dropDepth > 0) {
        if (tag === dropTag) dropDepth--;
        return;
      }
      kept?.onclosetag(tag);
      if (VOID_TAGS.has(tag)) return;
      const index = stack.findLastIndex((entry) => entry.tag === tag);
      if (index < 0) return;
      while (stack.length > index) {
        const entry = stack.pop()!;
        if (entry.emitted) out += `</${entry.tag}>`;
      }
    },
  });
  for (let entry = stack.pop(); entry; entry = stack.pop()) if (entry.emitted) out += `</${entry.tag}>`;
  return out.trim();
}
