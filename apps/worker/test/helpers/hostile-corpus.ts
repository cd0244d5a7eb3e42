import { gzipSync } from 'node:zlib';

// Random and hostile feeds and article pages for the fuzz test (hostile-fuzz.test.ts): the shapes
// an adversarial probe found or that parsers are known to choke on. Everything is drawn from a
// seeded PRNG so a failing run reproduces from its printed seed.

/** mulberry32: a small, fast, seedable PRNG; good enough to pick shapes and sizes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Served {
  body: Buffer;
  headers: Record<string, string>;
}

export interface HostileCase {
  /** What the case is, for failure messages. */
  name: string;
  feed: Served;
  /** Article pages the feed's items link to, by path. */
  pages: Map<string, Served>;
}

type Random = () => number;

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/** URLs no stored field may keep. */
export const UNSAFE_URLS = [
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://files.invalid/x',
  'about:blank',
];

function words(random: Random, count: number): string {
  const vocabulary = [
    'harbour',
    'strike',
    'council',
    'vote',
    'storm',
    'market',
    'rally',
    'court',
    'river',
    'school',
  ];
  return Array.from({ length: count }, () => pick(random, vocabulary)).join(' ');
}

const xml = (text: string): Served => ({
  body: Buffer.from(text),
  headers: { 'content-type': 'application/rss+xml' },
});
const html = (text: string): Served => ({
  body: Buffer.from(text),
  headers: { 'content-type': 'text/html; charset=utf-8' },
});

function rssDocument(items: string[], head = '', channel = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${head}
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Fuzz</title><link>https://fuzz.example/</link>
<description>fuzz</description>${channel}${items.join('\n')}</channel></rss>`;
}

function teaser(index: number, link: string, extra = ''): string {
  return `<item><title>Teaser ${index}</title><link>${link}</link><guid>t-${index}</guid><description>Read more…</description>${extra}</item>`;
}

/** A page of `paragraphs` plain paragraphs (the probe's 2.5 MB page had 10,000). */
function paragraphPage(random: Random, paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, () => `<p>${words(random, 40)}.</p>`).join('');
  return `<!doctype html><html><head><title>Many paragraphs</title></head><body><article>${body}</article></body></html>`;
}

/** `depth` nested divs around a little text (the probe's 555 KB page had 50,000). */
function nestedPage(depth: number): string {
  return `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}</body></html>`;
}

function unsafeMetaPage(random: Random): string {
  const bad = pick(random, UNSAFE_URLS);
  return `<!doctype html><html><head><title>Meta</title>
<meta property="og:image" content="${bad}"><meta name="twitter:image" content="${bad}">
<link rel="canonical" href="${bad}">
<script type="application/ld+json">{"@type":"NewsArticle","image":"${bad}","url":"${bad}","headline":"x"}</script>
</head><body><article><h1>Meta</h1>${Array.from({ length: 12 }, () => `<p>${words(random, 30)}.</p>`).join('')}
<img src="${bad}"><a href="${bad}">link</a></article></body></html>`;
}

type Builder = (random: Random, base: string, index: number) => HostileCase;

const BUILDERS: Record<string, Builder> = {
  'internal entity expanded 2,000 times': (random, _base, index) => {
    const size = between(random, 20_000, 50_000);
    const refs = Array.from({ length: 2_000 }, () => '&big;').join('');
    const head = `<!DOCTYPE rss [<!ENTITY big "${'A'.repeat(size)}">]>`;
    return {
      name: `entity-${index}`,
      feed: xml(
        rssDocument(
          [`<item><title>Bomb</title><guid>b</guid><description>${refs}</description></item>`],
          head,
        ),
      ),
      pages: new Map(),
    };
  },
  'nested entity bomb': (_random, _base, index) => {
    const levels = Array.from({ length: 10 }, (_, level) =>
      level === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${level} "${`&l${level - 1};`.repeat(10)}">`,
    ).join('');
    return {
      name: `laughs-${index}`,
      feed: xml(
        rssDocument([`<item><title>&l9;</title><guid>l</guid></item>`], `<!DOCTYPE rss [${levels}]>`),
      ),
      pages: new Map(),
    };
  },
  'deeply nested elements': (random, _base, index) => {
    const depth = between(random, 20_000, 100_000);
    return {
      name: `depth-${index}`,
      feed: xml(
        rssDocument([
          `<item><title>Deep</title><guid>d</guid><description>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</description></item>`,
        ]),
      ),
      pages: new Map(),
    };
  },
  'twenty thousand teasers': (_random, base, index) => {
    const items = Array.from({ length: 20_000 }, (_, item) => teaser(item, `${base}/wide-${index}/${item}`));
    const pages = new Map<string, Served>();
    return { name: `wide-${index}`, feed: xml(rssDocument(items)), pages };
  },
  'huge fields': (random, _base, index) => {
    const big = words(random, between(random, 200_000, 600_000));
    return {
      name: `huge-${index}`,
      feed: xml(
        rssDocument([
          `<item><title>${big.slice(0, 1_000_000)}</title><guid>h</guid><description>${big}</description></item>`,
        ]),
      ),
      pages: new Map(),
    };
  },
  'odd encodings': (random, _base, index) => {
    const text = rssDocument([
      `<item><title>Caf\u00e9 \u2603 \ud83d\ude00</title><guid>e</guid><description>${words(random, 20)}</description></item>`,
    ]);
    const variant = between(random, 0, 4);
    const bodies: Served[] = [
      {
        body: Buffer.from(text.replace('UTF-8', 'UTF-16')),
        headers: { 'content-type': 'application/rss+xml' },
      },
      {
        body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        headers: { 'content-type': 'application/xml; charset=utf-8' },
      },
      {
        body: Buffer.from(text.replace('UTF-8', 'x-no-such-charset')),
        headers: { 'content-type': 'text/xml; charset=bogus' },
      },
      {
        body: Buffer.concat([
          Buffer.from(text.slice(0, 300)),
          Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
          Buffer.from(text.slice(300)),
        ]),
        headers: { 'content-type': 'application/rss+xml' },
      },
      {
        body: gzipSync(Buffer.from(text)),
        headers: { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' },
      },
    ];
    return { name: `encoding-${index}-${variant}`, feed: bodies[variant]!, pages: new Map() };
  },
  'unsafe URLs everywhere': (random, base, index) => {
    const items = Array.from({ length: 6 }, (_, item) => {
      const bad = pick(random, UNSAFE_URLS);
      return `<item><title>Unsafe ${item}</title><link>${bad}</link><guid>u-${item}</guid><comments>${bad}</comments>
<description>&lt;a href="${bad}"&gt;x&lt;/a&gt; ${words(random, 10)}</description>
<enclosure url="${bad}" type="image/png" length="1"/><media:thumbnail url="${bad}"/><media:content url="${bad}" medium="image"/></item>`;
    });
    const bad = pick(random, UNSAFE_URLS);
    const channel = `<image><url>${bad}</url><title>x</title><link>${bad}</link></image>`;
    const pages = new Map<string, Served>([[`/meta-${index}`, html(unsafeMetaPage(random))]]);
    items.push(teaser(99, `${base}/meta-${index}`));
    return {
      name: `unsafe-${index}`,
      feed: xml(
        rssDocument(items, '', channel).replace('<link>https://fuzz.example/</link>', `<link>${bad}</link>`),
      ),
      pages,
    };
  },
  'atom with a hostile base': (random, _base, index) => {
    const bad = pick(random, UNSAFE_URLS);
    const text = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="${bad}">
<title>Atom</title><id>urn:a</id><link href="${bad}"/><icon>${bad}</icon><logo>${bad}</logo>
<entry><title>Relative</title><id>urn:e1</id><link href="relative/path"/><updated>2026-01-01T00:00:00Z</updated><summary>${words(random, 15)}</summary></entry>
<entry><title>Unsafe</title><id>urn:e2</id><link href="${bad}"/><updated>2026-01-01T00:00:00Z</updated><content type="html">&lt;img src="${bad}"&gt;</content></entry></feed>`;
    return {
      name: `atom-${index}`,
      feed: { body: Buffer.from(text), headers: { 'content-type': 'application/atom+xml' } },
      pages: new Map(),
    };
  },
  'hostile JSON feed': (random, _base, index) => {
    const bad = pick(random, UNSAFE_URLS);
    const depth = between(random, 1_000, 50_000);
    const text = `{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"${bad}","icon":"${bad}","__proto__":{"polluted":true},
"items":[{"id":"1","url":"${bad}","image":"${bad}","title":"constructor","content_text":"${words(random, 10)}","attachments":[{"url":"${bad}","mime_type":"image/png"}]},
{"id":"2","title":"deep","content_text":"x","_x":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
    return {
      name: `json-${index}`,
      feed: { body: Buffer.from(text), headers: { 'content-type': 'application/feed+json' } },
      pages: new Map(),
    };
  },
  'random bytes': (random, _base, index) => {
    const size = between(random, 1, 200_000);
    const body = Buffer.alloc(size);
    for (let byte = 0; byte < size; byte++) body[byte] = Math.floor(random() * 256);
    if (random() < 0.5) body.write('<?xml version="1.0"?><rss><channel><item>', 0);
    return {
      name: `bytes-${index}`,
      feed: {
        body,
        headers: {
          'content-type': pick(random, [
            'application/rss+xml',
            'text/html',
            'application/json',
            'application/octet-stream',
          ]),
        },
      },
      pages: new Map(),
    };
  },
  'page advertising unsafe feeds': (random, _base, index) => {
    const bad = pick(random, UNSAFE_URLS);
    return {
      name: `page-${index}`,
      feed: html(
        `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="${bad}"><link rel="alternate" type="application/atom+xml" href="${bad}"></head><body>${words(random, 50)}</body></html>`,
      ),
      pages: new Map(),
    };
  },
  'teasers to hostile pages': (random, base, index) => {
    const pages = new Map<string, Served>([
      [`/paragraphs-${index}`, html(paragraphPage(random, between(random, 2_000, 10_000)))],
      [`/nested-${index}`, html(nestedPage(between(random, 10_000, 50_000)))],
      [`/meta-page-${index}`, html(unsafeMetaPage(random))],
    ]);
    const items = [...pages.keys()].map((path, item) => teaser(item, `${base}${path}`));
    return { name: `pages-${index}`, feed: xml(rssDocument(items)), pages };
  },
};

/** `count` cases: every kind at least once when count allows, the rest drawn at random. */
export function hostileCorpus(seed: number, count: number, base: (index: number) => string): HostileCase[] {
  const random = seededRandom(seed);
  const kinds = Object.keys(BUILDERS);
  return Array.from({ length: count }, (_, index) => {
    const kind = index < kinds.length ? kinds[index]! : pick(random, kinds);
    return BUILDERS[kind]!(random, base(index), index);
  });
}
