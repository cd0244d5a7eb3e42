import { escapeText } from 'entities';

/** An element as xml2js builds it: attributes in `$`, text in `_`, children by name. */
export interface XmlElement {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
}
/** A text-only element without attributes is just its string. */
export type XmlNode = string | XmlElement;

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  /** RSS 2.0 put in a namespace, as UserLand once proposed (`<r:rss xmlns:r="…">`). */
  rss2: 'http://backend.userland.com/rss2',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
  wfw: 'http://wellformedweb.org/CommentAPI/',
  thr: 'http://purl.org/syndication/thread/1.0',
} as const;
export type Namespace = (typeof NS)[keyof typeof NS];

// The prefixes publishers use for each namespace, for documents that use one without declaring it.
const CONVENTIONAL_PREFIXES: Record<Namespace, readonly string[]> = {
  [NS.atom]: ['atom', 'atom10', 'a'],
  [NS.atom03]: ['atom03'],
  [NS.content]: ['content'],
  [NS.dc]: ['dc'],
  [NS.dcterms]: ['dcterms'],
  [NS.media]: ['media'],
  [NS.itunes]: ['itunes'],
  [NS.slash]: ['slash'],
  [NS.rss1]: ['rss'],
  [NS.rss090]: [],
  [NS.rss2]: [],
  [NS.feedburner]: ['feedburner'],
  [NS.wfw]: ['wfw'],
  [NS.thr]: ['thr'],
};

const MAX_SERIALIZE_DEPTH = 32;

/** Per element: lower-case child name -> the name the document wrote (built on a first miss). */
const CHILD_NAMES_IGNORING_CASE = new WeakMap<XmlElement, Map<string, string>>();

/**
 * The child key of `node` equal to `key` but for case (`<pubdate>`, `<TiTlE>`: publishers and
 * podcast tools write core element names in any case), or undefined.
 */
function keyIgnoringCase(node: XmlElement, key: string): string | undefined {
  let names = CHILD_NAMES_IGNORING_CASE.get(node);
  if (!names) {
    names = new Map();
    for (const name of Object.keys(node)) {
      const lower = name.toLowerCase();
      if (name !== '$' && name !== '_' && !names.has(lower)) names.set(lower, name);
    }
    CHILD_NAMES_IGNORING_CASE.set(node, names);
  }
  return names.get(key.toLowerCase());
}

/**
 * Finds elements by namespace and local name in an xml2js tree, whatever prefix the document bound
 * the namespace to (feedburner writes `atom10:link`, some Atom feeds `atom:entry`). `core` is the
 * document's own vocabulary (RSS: no namespace; Atom: the Atom namespace; RDF: RSS 1.0).
 */
export class XmlScope {
  private readonly prefixes = new Map<string, string[]>();
  private readonly cache = new Map<Namespace | null, Map<string, string[]>>();

  constructor(
    private readonly core: Namespace | null,
    declarations: readonly (Record<string, string> | undefined)[],
    private readonly tolerant: boolean,
  ) {
    for (const attributes of declarations) {
      for (const [name, uri] of Object.entries(attributes ?? {})) {
        if (!name.toLowerCase().startsWith('xmlns')) continue;
        const prefix = name.includes(':') ? name.slice(name.indexOf(':') + 1) : '';
        const normalized = uri.trim().replace(/\/?$/, uri.trim().endsWith('#') ? '' : '/');
        for (const key of new Set([uri.trim(), normalized, normalized.replace(/\/$/, '')])) {
          const list = this.prefixes.get(key) ?? [];
          list.push(prefix);
          this.prefixes.set(key, list);
        }
      }
    }
  }

  /** The keys under which xml2js stored elements `ns:local`. */
  keys(ns: Namespace | null, local: string): string[] {
    let byLocal = this.cache.get(ns);
    if (!byLocal) {
      byLocal = new Map();
      this.cache.set(ns, byLocal);
    }
    let keys = byLocal.get(local);
    if (keys) return keys;
    // Core elements: unprefixed, or under whatever prefix the document bound its own namespace to.
    // Other namespaces: the prefixes the document declared, else the conventional ones.
    const uri = ns ?? this.core;
    const declared = uri ? this.prefixes.get(uri) : undefined;
    const prefixes = new Set<string>(
      ns === null ? ['', ...(declared ?? [])] : (declared ?? CONVENTIONAL_PREFIXES[ns]),
    );
    keys = [...prefixes].map((prefix) => (prefix ? `${prefix}:${local}` : local));
    if (this.tolerant) keys = keys.map((key) => key.toLowerCase());
    byLocal.set(local, keys);
    return keys;
  }

  all(node: XmlNode | undefined, ns: Namespace | null, local: string): XmlNode[] {
    if (!node || typeof node === 'string') return [];
    const keys = this.keys(ns, local);
    if (keys.length === 1) {
      const list = node[keys[0]!] as XmlNode[] | undefined;
      if (list) return list;
    } else {
      const found: XmlNode[] = [];
      for (const key of keys) {
        const list = node[key] as XmlNode[] | undefined;
        if (list) found.push(...list);
      }
      if (found.length > 0) return found;
    }
    return this.allIgnoringCase(node, ns, keys);
  }

  /** Core elements written in another case, when none has the exact name. */
  private allIgnoringCase(node: XmlElement, ns: Namespace | null, keys: readonly string[]): XmlNode[] {
    if (ns !== null || this.tolerant) return [];
    for (const key of keys) {
      const actual = keyIgnoringCase(node, key);
      const list = actual === undefined ? undefined : (node[actual] as XmlNode[] | undefined);
      if (list) return list;
    }
    return [];
  }

  first(node: XmlNode | undefined, ns: Namespace | null, local: string): XmlNode | undefined {
    if (!node || typeof node === 'string') return undefined;
    const keys = this.keys(ns, local);
    for (const key of keys) {
      const list = node[key] as XmlNode[] | undefined;
      if (list?.[0] !== undefined) return list[0];
    }
    return this.allIgnoringCase(node, ns, keys)[0];
  }

  /** The text of the first `ns:local` child, or null when there is none or it is blank. */
  text(node: XmlNode | undefined, ns: Namespace | null, local: string): string | null {
    const child = this.first(node, ns, local);
    if (child === undefined) return null;
    const value = textOf(child);
    return value.trim() ? value : null;
  }

  attribute(node: XmlNode | undefined, name: string): string | null {
    if (!node || typeof node === 'string' || !node.$) return null;
    const value = node.$[this.tolerant ? name.toLowerCase() : name];
    return value === undefined ? null : value;
  }
}

function serialize(element: XmlElement, depth: number): string {
  let out = element._ ? escapeText(element._) : '';
  if (depth > MAX_SERIALIZE_DEPTH) return out;
  for (const [name, children] of Object.entries(element)) {
    if (name === '$' || name === '_' || !Array.isArray(children)) continue;
    for (const child of children as XmlNode[]) {
      const attributes =
        typeof child === 'string'
          ? ''
          : Object.entries(child.$ ?? {})
              .map(([key, value]) => ` ${key}="${escapeText(value)}"`)
              .join('');
      const inner = typeof child === 'string' ? escapeText(child) : serialize(child, depth + 1);
      out += `<${name}${attributes}>${inner}</${name}>`;
    }
  }
  return out;
}

/**
 * An element's text. Raw markup is normally made CDATA before parsing (repairXml); if some still
 * became child elements, they are serialized back as HTML (in name order: xml2js keeps no order).
 */
export function textOf(node: XmlNode): string {
  if (typeof node === 'string') return node;
  const hasChildren = Object.keys(node).some((key) => key !== '$' && key !== '_');
  return hasChildren ? serialize(node, 0) : (node._ ?? '');
}
