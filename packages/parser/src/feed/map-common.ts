import type { RawAuthor, RawEnclosure } from './raw-feed.js';
import { type Namespace, NS, type XmlNode, type XmlScope } from './xml-node.js';

/** `value` resolved against `base`; unchanged when there is no usable base. */
export function resolveUrl(value: string | null | undefined, base: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (!base) return trimmed;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return trimmed;
  }
}

/**
 * The xml:base set at the top of the document (root, channel), resolved against the document URL;
 * null when there is none: links then resolve against the document URL once, in normalization.
 */
export function documentBase(
  scope: XmlScope,
  nodes: readonly (XmlNode | undefined)[],
  documentUrl: string | null,
): string | null {
  let base: string | null = null;
  for (const node of nodes) {
    const own = scope.attribute(node, 'xml:base');
    if (own) base = resolveUrl(own, base ?? documentUrl);
  }
  return base;
}

/** The base in effect inside `node`: its xml:base resolved against the parent's base. */
export function baseOf(scope: XmlScope, node: XmlNode | undefined, parentBase: string | null): string | null {
  const own = scope.attribute(node, 'xml:base');
  return own ? resolveUrl(own, parentBase) : parentBase;
}

const EMAIL_WITH_NAME = /^\s*([^\s()<>]+@[^\s()<>]+)\s*\(([^)]*)\)\s*$/; // RSS: "jo@example.com (Jo Doe)"
const NAME_WITH_EMAIL = /^\s*(.*?)\s*<([^\s<>]+@[^\s<>]+)>\s*$/; // "Jo Doe <jo@example.com>"
const NAME_WITH_EMAIL_IN_PARENTHESES = /^\s*([^()]*?)\s*\(\s*(?:mailto:)?([^\s()<>]+@[^\s()<>]+)\s*\)\s*$/; // "Jo Doe (jo@example.com)"
const BARE_EMAIL = /^\s*(?:mailto:)?([^\s()<>@]+@[^\s()<>@]+\.[^\s()<>@]+)\s*$/i;

/** An author written as one string: a name, an e-mail, or both in RSS or RFC 5322 style. */
export function parsePersonString(value: string): RawAuthor | null {
  if (!value.trim()) return null;
  let match = EMAIL_WITH_NAME.exec(value);
  if (match) return { name: match[2]!.trim() || null, email: match[1]!, url: null };
  match = NAME_WITH_EMAIL.exec(value) ?? NAME_WITH_EMAIL_IN_PARENTHESES.exec(value);
  if (match) return { name: match[1]!.replace(/^"|"$/g, '').trim() || null, email: match[2]!, url: null };
  match = BARE_EMAIL.exec(value);
  if (match) return { name: null, email: match[1]!, url: null };
  return { name: value, email: null, url: null };
}

const IMAGE_TYPE = /^image\//i;
/** A URL path ending in an image file's extension (before any query or fragment). */
const IMAGE_PATH = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg)$/i;

function hasImagePath(url: string | null): boolean {
  if (!url) return false;
  try {
    return IMAGE_PATH.test(new URL(url.trim(), 'http://base.invalid/').pathname);
  } catch {
    return false;
  }
}

/**
 * Whether a media:content is a picture: `medium="image"` or an image type; with neither a type
 * nor a medium (the Guardian's feeds), an image file's extension in its URL.
 */
function isImageMedia(scope: XmlScope, node: XmlNode): boolean {
  const medium = scope.attribute(node, 'medium')?.trim().toLowerCase();
  const type = scope.attribute(node, 'type')?.trim();
  if (medium === 'image') return true;
  if (type) return IMAGE_TYPE.test(type);
  return !medium && hasImagePath(scope.attribute(node, 'url'));
}

/** The widest of `images` (by their width attribute), else the first. */
function widest(scope: XmlScope, images: XmlNode[]): XmlNode | undefined {
  let best = images[0];
  let bestWidth = -1;
  for (const image of images) {
    const width = Number.parseInt(scope.attribute(image, 'width') ?? '', 10);
    if (Number.isFinite(width) && width > bestWidth) {
      best = image;
      bestWidth = width;
    }
  }
  return best;
}

/** Media RSS `media:content` elements, directly and inside `media:group`s. */
function mediaContents(scope: XmlScope, node: XmlNode): XmlNode[] {
  const direct = scope.all(node, NS.media, 'content');
  const grouped = scope
    .all(node, NS.media, 'group')
    .flatMap((group) => scope.all(group, NS.media, 'content'));
  return grouped.length > 0 ? [...direct, ...grouped] : direct;
}

/** The first non-null `read(node)` of `nodes`. */
function firstOf<T>(nodes: readonly XmlNode[], read: (node: XmlNode) => T | null): T | null {
  for (const node of nodes) {
    const value = read(node);
    if (value !== null) return value;
  }
  return null;
}

function thumbnailUrl(scope: XmlScope, holder: XmlNode): string | null {
  const url = scope.attribute(scope.first(holder, NS.media, 'thumbnail'), 'url');
  return url?.trim() ? url : null;
}

/** The item's picture from Media RSS (thumbnail, then image content) or iTunes. */
export function mediaImage(scope: XmlScope, node: XmlNode, base: string | null): string | null {
  const groups = scope.all(node, NS.media, 'group');
  const thumbnail = thumbnailUrl(scope, node) ?? firstOf(groups, (group) => thumbnailUrl(scope, group));
  if (thumbnail) return resolveUrl(thumbnail, base);
  const image = widest(
    scope,
    mediaContents(scope, node).filter((content) => isImageMedia(scope, content)),
  );
  const imageUrl = scope.attribute(image, 'url');
  if (imageUrl?.trim()) return resolveUrl(imageUrl, base);
  // href, as Apple documents it; some podcast tools write url.
  const itunesImage = scope.first(node, NS.itunes, 'image');
  const itunes = scope.attribute(itunesImage, 'href') ?? scope.attribute(itunesImage, 'url');
  return itunes?.trim() ? resolveUrl(itunes, base) : null;
}

/** `media:description` of the item or its group: a summary when the item has none. */
export function mediaDescription(
  scope: XmlScope,
  node: XmlNode,
): { value: string; kind: 'text' | 'html' } | null {
  const read = (holder: XmlNode) => {
    const value = scope.text(holder, NS.media, 'description');
    if (!value) return null;
    const description = scope.first(holder, NS.media, 'description');
    return {
      value,
      kind: scope.attribute(description, 'type') === 'html' ? ('html' as const) : ('text' as const),
    };
  };
  return read(node) ?? firstOf(scope.all(node, NS.media, 'group'), read);
}

/** Non-image `media:content`, used as enclosures when an item has no `<enclosure>`. */
export function mediaEnclosures(scope: XmlScope, node: XmlNode, base: string | null): RawEnclosure[] {
  const enclosures: RawEnclosure[] = [];
  for (const content of mediaContents(scope, node)) {
    const url = resolveUrl(scope.attribute(content, 'url'), base);
    if (!url || isImageMedia(scope, content)) continue;
    enclosures.push({
      url,
      type: scope.attribute(content, 'type'),
      length: scope.attribute(content, 'fileSize'),
    });
  }
  return enclosures;
}

/**
 * The comment count an item states: slash:comments (RSS), thr:total (RFC 4685), else the
 * thr:count of its first replies link that has one (Blogger writes the same count on its HTML and
 * Atom replies links, so they are not added up).
 */
export function commentsCountOf(scope: XmlScope, node: XmlNode, links: readonly AtomLink[]): string | null {
  const stated = scope.text(node, NS.slash, 'comments') ?? scope.text(node, NS.thr, 'total');
  if (stated !== null) return stated;
  return links.find((link) => link.rel === 'replies' && link.count?.trim())?.count ?? null;
}

export interface AtomLink {
  rel: string;
  type: string | null;
  href: string;
  length: string | null;
  /** Atom threading (RFC 4685): a replies link's `thr:count`. */
  count: string | null;
}

/**
 * Every Atom `<link>` of `node` (rss-parser keeps one): alternate, self, hub, enclosure, replies...
 * `ns` is null in Atom documents (the core vocabulary) and NS.atom for `atom:link` inside RSS.
 */
export function atomLinks(
  scope: XmlScope,
  node: XmlNode,
  ns: Namespace | null,
  base: string | null,
): AtomLink[] {
  return scope
    .all(node, ns, 'link')
    .map((link) => ({
      rel: scope.attribute(link, 'rel')?.trim().toLowerCase() || 'alternate',
      type: scope.attribute(link, 'type')?.trim() || null,
      href:
        resolveUrl(
          // Atom 0.3-era feeds sometimes put the URL in the element's text instead of href.
          scope.attribute(link, 'href') ?? (typeof link === 'string' ? link : (link._ ?? null)),
          baseOf(scope, link, base),
        ) ?? '',
      length: scope.attribute(link, 'length'),
      count: scope.attribute(link, 'thr:count'),
    }))
    .filter((link) => link.href);
}
