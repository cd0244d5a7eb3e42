import {
  type AtomLink,
  atomLinks,
  baseOf,
  commentsCountOf,
  documentBase,
  mediaDescription,
  mediaEnclosures,
  mediaImage,
  parsePersonString,
  resolveUrl,
} from './map-common.js';
import type { XmlDocument } from './parse-xml.js';
import type { RawAuthor, RawEnclosure, RawFeed, RawItem, RawText } from './raw-feed.js';
import type { Warnings } from './warnings.js';
import { type Namespace, NS, type XmlNode, XmlScope } from './xml-node.js';

/** RSS's `<link>`: its text, or an `href` attribute for feeds that write it Atom-style. */
function linkOf(scope: XmlScope, node: XmlNode, base: string | null): string | null {
  for (const link of scope.all(node, null, 'link')) {
    const value =
      (typeof link === 'string' ? link : (link._ ?? '')).trim() || scope.attribute(link, 'href')?.trim();
    if (value) return resolveUrl(value, base);
  }
  return null;
}

function texts(scope: XmlScope, node: XmlNode, ns: Namespace | null, local: string): string[] {
  return scope
    .all(node, ns, local)
    .map((child) => (typeof child === 'string' ? child : (child._ ?? '')))
    .filter((value) => value.trim());
}

function textOrNull(
  scope: XmlScope,
  node: XmlNode,
  ns: Namespace | null,
  local: string,
  kind: RawText['kind'],
  base: string | null,
): RawText | null {
  const value = scope.text(node, ns, local);
  return value === null ? null : { value, kind, base };
}

function atomPeople(scope: XmlScope, node: XmlNode): RawAuthor[] {
  return scope.all(node, NS.atom, 'author').map((person) => ({
    name: scope.text(person, NS.atom, 'name'),
    email: scope.text(person, NS.atom, 'email'),
    url: scope.text(person, NS.atom, 'uri'),
  }));
}

const AUTHOR_SOURCES: readonly [Namespace | null, string][] = [
  [null, 'author'],
  [NS.dc, 'creator'],
  [NS.dc, 'author'],
  [NS.atom, 'author'],
  [NS.itunes, 'author'],
];

/** Authors from the first source that has any: RSS, Dublin Core, Atom, iTunes, then `extra`. */
function people(
  scope: XmlScope,
  node: XmlNode,
  extra: readonly [Namespace | null, string][] = [],
): RawAuthor[] {
  const sources = extra.length > 0 ? [...AUTHOR_SOURCES, ...extra] : AUTHOR_SOURCES;
  for (const [ns, local] of sources) {
    if (scope.first(node, ns, local) === undefined) continue;
    const found =
      ns === NS.atom ? atomPeople(scope, node) : texts(scope, node, ns, local).map(parsePersonString);
    const usable = found.filter(
      (author): author is RawAuthor => !!(author?.name || author?.email || author?.url),
    );
    if (usable.length > 0) return usable;
  }
  return [];
}

function categoriesOf(scope: XmlScope, node: XmlNode): string[] {
  const found: string[] = [];
  const itunes = (category: XmlNode): void => {
    const text = scope.attribute(category, 'text');
    if (text) found.push(text);
    for (const sub of scope.all(category, NS.itunes, 'category')) itunes(sub);
  };
  found.push(...texts(scope, node, null, 'category'), ...texts(scope, node, NS.dc, 'subject'));
  for (const category of scope.all(node, NS.itunes, 'category')) itunes(category);
  for (const category of scope.all(node, NS.atom, 'category')) {
    found.push(scope.attribute(category, 'label') ?? scope.attribute(category, 'term') ?? '');
  }
  for (const keywords of texts(scope, node, NS.itunes, 'keywords')) found.push(...keywords.split(','));
  return found;
}

/** `links`: the item's Atom links (atomLinks), read once for the URL, comments and enclosures. */
function enclosuresOf(
  scope: XmlScope,
  item: XmlNode,
  links: readonly AtomLink[],
  base: string | null,
): RawEnclosure[] {
  const enclosures: RawEnclosure[] = [];
  for (const enclosure of scope.all(item, null, 'enclosure')) {
    const url = resolveUrl(scope.attribute(enclosure, 'url'), base);
    if (url)
      enclosures.push({
        url,
        type: scope.attribute(enclosure, 'type'),
        length: scope.attribute(enclosure, 'length'),
      });
  }
  for (const link of links) {
    if (link.rel === 'enclosure') enclosures.push({ url: link.href, type: link.type, length: null });
  }
  return enclosures.length > 0 ? enclosures : mediaEnclosures(scope, item, base);
}

/** `inheritedLanguage`: an xml:lang of the channel or root, which XML says items inherit. */
function mapItem(
  scope: XmlScope,
  item: XmlNode,
  channelBase: string | null,
  isRdf: boolean,
  inheritedLanguage: string | null,
): RawItem {
  const base = baseOf(scope, item, channelBase);
  const guidNode = scope.first(item, null, 'guid');
  const guid =
    scope.text(item, null, 'guid') ??
    scope.text(item, NS.dc, 'identifier') ??
    (isRdf ? scope.attribute(item, 'rdf:about') : null);
  const links = atomLinks(scope, item, NS.atom, base);
  // A guid is the permalink unless it says isPermaLink="false" (RSS 2.0).
  const permalink =
    guid &&
    /^https?:\/\//i.test(guid.trim()) &&
    scope.attribute(guidNode, 'isPermaLink')?.trim().toLowerCase() !== 'false'
      ? guid
      : null;
  const url =
    scope.text(item, NS.feedburner, 'origLink')?.trim() ??
    linkOf(scope, item, base) ??
    links.find((link) => link.rel === 'alternate')?.href ??
    resolveUrl(permalink, base);
  const description = textOrNull(scope, item, null, 'description', 'html', base);
  const encoded = textOrNull(scope, item, NS.content, 'encoded', 'html', base);
  const atomContent = textOrNull(
    scope,
    item,
    NS.atom,
    'content',
    scope.attribute(scope.first(item, NS.atom, 'content'), 'type')?.includes('html') ? 'html' : 'text',
    base,
  );
  const enclosures = enclosuresOf(scope, item, links, base);
  const itunesSummary = textOrNull(scope, item, NS.itunes, 'summary', 'text', base);
  const media = mediaDescription(scope, item);
  return {
    guid,
    url: url ?? null,
    title:
      textOrNull(scope, item, null, 'title', 'auto', base) ??
      textOrNull(scope, item, NS.dc, 'title', 'auto', base),
    summary:
      description ??
      textOrNull(scope, item, NS.dc, 'description', 'auto', base) ??
      itunesSummary ??
      (media ? { ...media, base } : null),
    content: encoded ?? atomContent ?? description,
    authors: people(scope, item),
    published:
      scope.text(item, null, 'pubDate') ??
      scope.text(item, NS.dc, 'date') ??
      scope.text(item, NS.dcterms, 'issued') ??
      scope.text(item, NS.atom, 'published'),
    updated: scope.text(item, NS.atom, 'updated') ?? scope.text(item, NS.dcterms, 'modified'),
    categories: categoriesOf(scope, item),
    enclosures,
    imageUrl:
      mediaImage(scope, item, base) ??
      enclosures.find((enclosure) => enclosure.type?.startsWith('image/'))?.url ??
      null,
    commentsUrl:
      resolveUrl(scope.text(item, null, 'comments'), base) ??
      links.find((link) => link.rel === 'replies' && (!link.type || link.type === 'text/html'))?.href ??
      null,
    commentsCount: commentsCountOf(scope, item, links),
    language: scope.text(item, NS.dc, 'language') ?? scope.attribute(item, 'xml:lang') ?? inheritedLanguage,
    base,
  };
}

/** RSS 0.90-0.94, 2.0 (`<rss>`) and RSS 1.0 / RDF (`<rdf:RDF>`) to the raw feed record. */
export function mapRss(document: XmlDocument, documentUrl: string | null, warnings: Warnings): RawFeed {
  const { root, tolerant } = document;
  const isRdf = /(^|:)rdf$/i.test(document.rootName);
  const declared = Object.values(root.$ ?? {}).map((uri) => uri.trim());
  const rdfCore = declared.some((uri) => uri.includes('my.netscape.com/rdf/simple/0.9'))
    ? NS.rss090
    : NS.rss1;
  // The document's own vocabulary: RSS 1.0/0.90 for RDF; for RSS, none, or UserLand's RSS 2.0
  // namespace when declared (then its elements may be prefixed: <r:channel>, <r:item>).
  const core = isRdf ? rdfCore : declared.some((uri) => uri.replace(/\/$/, '') === NS.rss2) ? NS.rss2 : null;
  // The channel is found through the root's declarations (<rss:channel> in RDF, <r:channel>).
  const channel = new XmlScope(core, [root.$], tolerant).first(root, null, 'channel') ?? (root as XmlNode);
  const scope = new XmlScope(core, [root.$, typeof channel === 'string' ? undefined : channel.$], tolerant);
  const itemHolders = isRdf ? [root] : [channel, ...(channel === root ? [] : [root])];
  const items = itemHolders.flatMap((holder) => scope.all(holder, null, 'item'));
  const base = documentBase(scope, [root, channel], documentUrl);
  const links = atomLinks(scope, channel, NS.atom, base);
  const imageNode = scope.first(channel, null, 'image') ?? scope.first(root, null, 'image');
  let version = isRdf
    ? rdfCore === NS.rss090
      ? '0.90'
      : '1.0'
    : (scope.attribute(root, 'version')?.trim() ?? null);
  if (!isRdf && !version) {
    warnings.add('MISSING_VERSION', '<rss> has no version attribute; read as RSS 2.0');
    version = null;
  }
  return {
    format: isRdf ? 'rdf' : 'rss',
    version,
    title:
      textOrNull(scope, channel, null, 'title', 'auto', base) ??
      textOrNull(scope, channel, NS.dc, 'title', 'auto', base),
    description:
      textOrNull(scope, channel, null, 'description', 'html', base) ??
      textOrNull(scope, channel, NS.itunes, 'summary', 'text', base) ??
      textOrNull(scope, channel, NS.itunes, 'subtitle', 'text', base),
    homeUrl: linkOf(scope, channel, base) ?? links.find((link) => link.rel === 'alternate')?.href ?? null,
    feedUrl: links.find((link) => link.rel === 'self')?.href ?? null,
    hubUrl: links.find((link) => link.rel === 'hub')?.href ?? null,
    language:
      scope.text(channel, null, 'language') ??
      scope.text(channel, NS.dc, 'language') ??
      scope.attribute(channel, 'xml:lang') ??
      scope.attribute(root, 'xml:lang'),
    imageUrl:
      resolveUrl(scope.text(imageNode, null, 'url') ?? scope.attribute(imageNode, 'rdf:resource'), base) ??
      mediaImage(scope, channel, base),
    iconUrl: resolveUrl(scope.text(channel, NS.atom, 'icon'), base),
    updated:
      scope.text(channel, null, 'lastBuildDate') ??
      scope.text(channel, null, 'pubDate') ??
      scope.text(channel, NS.dc, 'date') ??
      scope.text(channel, NS.dcterms, 'modified') ??
      scope.text(channel, NS.atom, 'updated'),
    authors: [
      ...texts(scope, channel, null, 'managingEditor').map(parsePersonString),
      ...(texts(scope, channel, null, 'managingEditor').length > 0
        ? []
        : people(scope, channel, [[null, 'webMaster']])),
    ].filter((author) => author !== null),
    categories: categoriesOf(scope, channel),
    ttl: scope.text(channel, null, 'ttl'),
    base,
    items: items.map((item) =>
      mapItem(
        scope,
        item,
        base,
        isRdf,
        scope.attribute(channel, 'xml:lang') ?? scope.attribute(root, 'xml:lang'),
      ),
    ),
  };
}
