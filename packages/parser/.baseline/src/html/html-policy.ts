// What sanitizeHtml keeps. Everything not listed here is either unwrapped (unknown tags keep their
// text) or dropped with its content (DROP_WITH_CONTENT: things that run, track or ask for input).

/** Tags kept as they are (their attributes filtered by ALLOWED_ATTRIBUTES). */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'audio',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'iframe',
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
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'source',
  'span',
  'strike',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'track',
  'u',
  'ul',
  'var',
  'video',
  'wbr',
]);

/**
 * Tags removed together with everything inside them. `object` and `applet` are not: they are
 * unwrapped like unknown tags, because their children are the fallback a browser shows when the
 * plugin does not run, which after sanitizing it never does (their `param`s are dropped).
 */
export const DROP_WITH_CONTENT: ReadonlySet<string> = new Set([
  'base',
  'basefont',
  'button',
  'canvas',
  'datalist',
  'dialog',
  'embed',
  'form',
  'frame',
  'frameset',
  'head',
  'iframe',
  'input',
  'isindex',
  'keygen',
  'link',
  'math',
  'menu',
  'meta',
  'noembed',
  'noframes',
  'noscript',
  'optgroup',
  'option',
  'param',
  'portal',
  'script',
  'select',
  'slot',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'xml',
  'xmp',
  'plaintext',
]);

/** Elements without a closing tag. */
export const VOID_TAGS: ReadonlySet<string> = new Set(['br', 'col', 'hr', 'img', 'source', 'track', 'wbr']);

const GLOBAL_ATTRIBUTES = ['title', 'lang', 'dir'];

/** Attributes kept per tag (plus GLOBAL_ATTRIBUTES); `style`, `class`, `id` and `on*` never are. */
export const ALLOWED_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    a: ['href', 'hreflang'],
    abbr: [],
    audio: ['src', 'controls', 'loop', 'muted', 'preload'],
    blockquote: ['cite'],
    col: ['span'],
    colgroup: ['span'],
    del: ['cite', 'datetime'],
    iframe: ['src', 'width', 'height', 'allowfullscreen'],
    img: ['src', 'srcset', 'alt', 'width', 'height', 'sizes'],
    ins: ['cite', 'datetime'],
    li: ['value'],
    ol: ['start', 'reversed', 'type'],
    q: ['cite'],
    source: ['src', 'srcset', 'type', 'media', 'sizes'],
    td: ['colspan', 'rowspan', 'headers'],
    th: ['colspan', 'rowspan', 'headers', 'scope'],
    time: ['datetime'],
    track: ['src', 'kind', 'srclang', 'label'],
    video: ['src', 'poster', 'controls', 'loop', 'muted', 'width', 'height', 'preload'],
  }).map(([tag, names]) => [tag, new Set([...names, ...GLOBAL_ATTRIBUTES])]),
);

/** Attributes whose value is a URL: resolved against the base and checked against URL_SCHEMES. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'cite', 'poster']);

/**
 * Video hosts whose embeds (`<iframe src>`) are kept: players that only show a video. Any other
 * iframe is dropped with its content. Matched against the iframe's host and its parent domains.
 */
export const IFRAME_HOST_ALLOWLIST: ReadonlySet<string> = new Set([
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'www.dailymotion.com',
  'geo.dailymotion.com',
  'player.twitch.tv',
  'www.ted.com',
  'embed.ted.com',
  'w.soundcloud.com',
  'open.spotify.com',
  'bandcamp.com',
]);

/** URL schemes a link may use. Relative URLs are resolved first, so they end up http(s). */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'tel:', 'ftp:']);

/** Schemes a media source (img/video/audio/source) may use. */
export const MEDIA_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Inline images are allowed in these raster types only (SVG can carry script). */
export const DATA_IMAGE_PATTERN = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp);base64,[a-z0-9+/=\s]+$/i;

/** Image URLs of known tracking/analytics beacons (besides any image declared 1x1 or smaller). */
export const TRACKING_PIXEL_PATTERNS: readonly RegExp[] = [
  /^https?:\/\/feeds\.feedburner\.com\/~r\//i,
  /^https?:\/\/feeds\.feedburner\.com\/~ff\//i,
  /^https?:\/\/[^/]*feedsportal\.com\//i,
  /^https?:\/\/pixel\.wp\.com\//i,
  /^https?:\/\/stats\.wordpress\.com\//i,
  /^https?:\/\/[^/]*doubleclick\.net\//i,
  /^https?:\/\/www\.google-analytics\.com\//i,
  /^https?:\/\/pixel\.quantserve\.com\//i,
  /^https?:\/\/[^/]*\.?(?:pheedo|feedblitz)\.com\/.*(?:pixel|img\.gif|\.gif\?)/i,
  /^https?:\/\/[^/]+\/(?:[^?#]*\/)?(?:pixel|beacon|tracker|track|1x1|spacer)\.(?:gif|png)(?:[?#]|$)/i,
];
