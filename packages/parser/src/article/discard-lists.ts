// What the cleaning pass removes before jsdom and Readability, as named data (like trafilatura's
// discard lists). Tag lists are exact; class and id words are matched by class-words.ts.

/** Elements that never hold article prose. */
export const DISCARD_TAGS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'canvas',
  'svg',
  'math',
  'button',
  'input',
  'select',
  'textarea',
  'label',
  'dialog',
  'nav',
  'link',
  'meta',
  'source',
  'track',
  'map',
  'audio',
  'video',
] as const;

/**
 * Page furniture: removed unless it holds enough prose to be the article itself. A form is a
 * login, search or sign-up box, except on pages that wrap their whole body in one (ASP.NET).
 */
export const DISCARD_LANDMARKS = ['aside', 'footer', 'header', 'menu', 'form'] as const;

/** ARIA roles of furniture. */
export const DISCARD_ROLES = [
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'menu',
  'menubar',
  'dialog',
  'alertdialog',
  'toolbar',
] as const;

/** Words in a class or id token that mark boilerplate blocks, grouped by what they are. */
export const DISCARD_CLASS_WORDS = {
  sharing: [
    'share',
    'shares',
    'sharing',
    'social',
    'sociallinks',
    'socialmedia',
    'sharebar',
    'sharetools',
    'addthis',
    'sharethis',
  ],
  newsletter: [
    'newsletter',
    'newsletters',
    'subscribe',
    'subscription',
    'signup',
    'sign-up',
    'optin',
    'mailinglist',
  ],
  related: [
    'related',
    'recommended',
    'recommendations',
    'recirc',
    'more-stories',
    'morestories',
    'most-popular',
    'mostpopular',
    'trending',
    'popular',
    'outbrain',
    'taboola',
    'read-next',
    'readnext',
    'up-next',
    'upnext',
    'also-read',
    'further-reading',
  ],
  comments: ['comment', 'comments', 'disqus', 'discussion', 'respond', 'replies'],
  consent: ['cookie', 'cookies', 'consent', 'gdpr', 'cmp'],
  ads: [
    'ad',
    'ads',
    'advert',
    'advertisement',
    'advertising',
    'adslot',
    'adunit',
    'ad-slot',
    'ad-unit',
    'ad-container',
    'adwrapper',
    'dfp',
    'gpt',
    'sponsor',
    'sponsored',
    'promo',
    'promotion',
    'commercial',
  ],
  chrome: [
    'breadcrumb',
    'breadcrumbs',
    'masthead',
    'navbar',
    'menu',
    'sidebar',
    'skip-link',
    'skiplink',
    'pagination',
    'pager',
    'toolbar',
    'modal',
    'popup',
    'overlay',
    'banner',
    'ticker',
    'widget',
  ],
  tags: ['tags', 'tag-list', 'taglist', 'keywords', 'topics-list'],
  author: [
    'author-bio',
    'authorbio',
    'author-box',
    'authorbox',
    'about-author',
    'bio-box',
    'contributor-bio',
  ],
  hidden: [
    'hidden',
    'visually-hidden',
    'visuallyhidden',
    'sr-only',
    'screen-reader-text',
    'offscreen',
    'print-only',
  ],
} as const;

/**
 * Words of DISCARD_CLASS_WORDS that only count as a whole class token: page builders name every
 * block of a page with them ("elementor-widget", "elementor-widget-text-editor"), while a
 * sidebar box is plainly "widget" (WordPress, Blogger).
 */
export const COMPONENT_CLASS_WORDS = ['widget'] as const;

/** Words that keep a block named like social furniture: it embeds a post the article quotes. */
export const EMBED_CLASS_WORDS = [
  'embed',
  'embedded',
  'oembed',
  'twitter-tweet',
  'instagram-media',
  'tiktok-embed',
] as const;

/** Inline styles that hide an element from readers. */
export const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * A block named like furniture is kept when it holds at least this share of the page's prose
 * (and at least KEEP_CONTAINER_MIN_PROSE characters): then it is, or wraps, the article.
 */
export const KEEP_CONTAINER_MIN_SHARE = 0.4;
/** Characters of prose (no whitespace, no link text) for that guard to apply at all. */
export const KEEP_CONTAINER_MIN_PROSE = 400;

/**
 * Attributes that survive cleaning; every other one (style, data-*, srcset, event handlers) is
 * dropped before jsdom parses the page, which makes it markedly cheaper to build.
 */
export const KEPT_ATTRIBUTES = new Set([
  'class',
  'id',
  'href',
  'src',
  'alt',
  'title',
  'datetime',
  'lang',
  'dir',
  'itemprop',
  'colspan',
  'rowspan',
  'cite',
  'name',
  'content',
  'rel',
  'type',
  // Lazy-loaded images keep their real address here; Readability and the sanitizer look for it.
  'srcset',
  'data-src',
  'data-srcset',
  'data-original',
  'data-lazy-src',
  'data-url',
]);
