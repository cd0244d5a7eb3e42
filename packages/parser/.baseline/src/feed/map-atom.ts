import {
  type AtomLink,
  atomLinks,
  baseOf,
  commentsCountOf,
  documentBase,
  mediaDescription,
  mediaImage,
  resolveUrl,
} from './map-common.js';
import type { XmlDocument } from './parse-xml.js';
import type { RawAuthor, RawEnclosure, RawFeed, RawItem, RawText } from './raw-feed.js';
import { NS, textOf, type XmlNode, XmlScope } from './xml-node.js';

/** A MIME type that is not text/* nor XML (…/xml, …+xml): base64 content in Atom 1.0. */
const OPAQUE_MIME_TYPE =
  /^(?!text\/)[a-z0-9!#$&^_.+-]+\/(?!(?:[a-z0-9!#$&^_.+-]*\+)?xml$)[a-z0-9!#$&^_.+-]+$/;

/** The alternate link, preferring an HTML page over other representations. */
function alternateOf(links: AtomLink[]): string | null {
  const alternates = links.filter((link) => link.rel === 'alternate');
  return (alternates.find((link) => !link.type || /html/i.test(link.type)) ?? alternates[0])?.href ?? null;
}

/** An Atom text construct: type text|html|xhtml (1.0) or a MIME type with mode escaped|base64 (0.3). */
function textConstruct(
  scope: XmlScope,
  node: XmlNode | undefined,
  parentBase: string | null,
): RawText | null {
  if (node === undefined) return null;
  let value = textOf(node);
  const type = (scope.attribute(node, 'type') ?? 'text').trim().toLowerCase();
  const mode = scope.attribute(node, 'mode')?.trim().toLowerCase();
  // Base64: Atom 0.3 says so with mode; Atom 1.0 implies it for a MIME type that is neither text
  // nor XML (RFC 4287 4.1.3.3), whose bytes can then only be looked at.
  const binaryType = mode === undefined && OPAQUE_MIME_TYPE.test(type);
  if (mode === 'base64' || binaryType) value = Buffer.from(value, 'base64').toString('utf8');
  if (!value.trim()) return null;
  const html = type === 'html' || type === 'xhtml' || type.includes('html');
  return {
    value,
    kind: binaryType ? 'auto' : html ? 'html' : 'text',
    base: baseOf(scope, node, parentBase),
  };
}

function peopleOf(scope: XmlScope, node: XmlNode, base: string | null): RawAuthor[] {
  return scope
    .all(node, null, 'author')
    .map((author) => ({
      name: scope.text(author, null, 'name') ?? (typeof author === 'string' ? author : null),
      email: scope.text(author, null, 'email'),
      // uri (1.0), url (0.3), homepage (0.2-era drafts still served).
      url: resolveUrl(
        scope.text(author, null, 'uri') ??
          scope.text(author, null, 'url') ??
          scope.text(author, null, 'homepage'),
        base,
      ),
    }))
    .filter((author) => author.name || author.email || author.url);
}

function categoriesOf(scope: XmlScope, node: XmlNode): string[] {
  return scope
    .all(node, null, 'category')
    .map(
      (category) =>
        scope.attribute(category, 'label') ?? scope.attribute(category, 'term') ?? textOf(category),
    )
    .filter((term) => term.trim());
}

/** `feedLanguage`: the feed's xml:lang, which XML says its entries inherit. */
function mapEntry(
  scope: XmlScope,
  entry: XmlNode,
  feedBase: string | null,
  feedLanguage: string | null,
): RawItem {
  const base = baseOf(scope, entry, feedBase);
  const links = atomLinks(scope, entry, null, base);
  const enclosures: RawEnclosure[] = links
    .filter((link) => link.rel === 'enclosure')
    .map((link) => ({ url: link.href, type: link.type, length: link.length }));
  const content = scope.first(entry, null, 'content');
  const media = mediaDescription(scope, entry);
  const replies = links.filter((link) => link.rel === 'replies');
  return {
    guid: scope.text(entry, null, 'id'),
    url: alternateOf(links),
    title: textConstruct(scope, scope.first(entry, null, 'title'), base),
    summary:
      textConstruct(scope, scope.first(entry, null, 'summary'), base) ?? (media ? { ...media, base } : null),
    content: scope.attribute(content, 'src') ? null : textConstruct(scope, content, base),
    authors: peopleOf(scope, entry, base),
    published:
      scope.text(entry, null, 'published') ??
      scope.text(entry, null, 'issued') ??
      scope.text(entry, null, 'created'),
    updated: scope.text(entry, null, 'updated') ?? scope.text(entry, null, 'modified'),
    categories: categoriesOf(scope, entry),
    enclosures,
    imageUrl: mediaImage(scope, entry, base),
    commentsUrl: (replies.find((link) => !link.type || /html/i.test(link.type)) ?? replies[0])?.href ?? null,
    commentsCount: commentsCountOf(scope, entry, links),
    language: scope.attribute(entry, 'xml:lang') ?? feedLanguage,
    base,
  };
}

/** Atom 1.0 and 0.3 to the raw feed record, reading every link and xml:base. */
export function mapAtom(document: XmlDocument, documentUrl: string | null): RawFeed {
  const { root, tolerant } = document;
  const attributes = root.$ ?? {};
  const declared = Object.values(attributes).map((uri) => uri.trim());
  const isAtom03 = declared.includes(NS.atom03) || attributes.version?.trim() === '0.3';
  const scope = new XmlScope(isAtom03 ? NS.atom03 : NS.atom, [attributes], tolerant);
  const base = documentBase(scope, [root], documentUrl);
  const links = atomLinks(scope, root, null, base);
  return {
    format: 'atom',
    version: isAtom03 ? '0.3' : '1.0',
    title: textConstruct(scope, scope.first(root, null, 'title'), base),
    description: textConstruct(
      scope,
      scope.first(root, null, 'subtitle') ?? scope.first(root, null, 'tagline'),
      base,
    ),
    homeUrl: alternateOf(links),
    feedUrl: links.find((link) => link.rel === 'self')?.href ?? null,
    hubUrl: links.find((link) => link.rel === 'hub')?.href ?? null,
    language: scope.attribute(root, 'xml:lang'),
    imageUrl: resolveUrl(scope.text(root, null, 'logo'), base),
    iconUrl: resolveUrl(scope.text(root, null, 'icon'), base),
    updated: scope.text(root, null, 'updated') ?? scope.text(root, null, 'modified'),
    authors: peopleOf(scope, root, base),
    categories: categoriesOf(scope, root),
    ttl: null,
    base,
    items: scope
      .all(root, null, 'entry')
      .map((entry) => mapEntry(scope, entry, base, scope.attribute(root, 'xml:lang'))),
  };
}
