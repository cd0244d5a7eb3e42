// Per-publisher fixes as data, looked up by exact host, then by base domain, then nothing (the
// generic algorithm). Only publisher-wide patterns belong here, never fixes for one page.

export interface SiteRule {
  /** Hosts or base domains the rule applies to ("example.com" also covers "www.example.com"). */
  domains: readonly string[];
  /** Selectors removed before extraction, on top of the generic discard lists. */
  remove?: readonly string[];
  /** The article body, when the site marks it reliably; the generic algorithm runs inside it. */
  content?: string;
  /** Where the byline is, when metadata lacks it. */
  byline?: string;
}

export const SITE_RULES: readonly SiteRule[] = [
  {
    // WordPress.com-hosted blogs share the Jetpack sharing and "Like this" blocks.
    domains: ['wordpress.com'],
    remove: ['.sharedaddy', '.jp-relatedposts', '#jp-post-flair', '.wpcnt'],
  },
  {
    domains: ['medium.com'],
    remove: ['[data-testid="headerClapButton"]', '[data-testid="audioPlayButton"]', '.pw-multi-vote-count'],
  },
  {
    domains: ['substack.com'],
    remove: ['.subscription-widget-wrap', '.post-footer', '.button-wrapper', '.share-dialog'],
    content: '.available-content',
  },
];

// Public suffixes of two labels seen on news sites; enough to find "bbc.co.uk" from
// "www.bbc.co.uk" without shipping the whole public-suffix list.
const TWO_LABEL_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.in',
  'co.za',
  'com.br',
  'com.mx',
  'com.ar',
  'com.cn',
  'com.hk',
  'com.sg',
  'com.tr',
  'co.kr',
  'com.tw',
]);

/** "www.news.bbc.co.uk" -> "bbc.co.uk"; an IP address or single label comes back unchanged. */
export function baseDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2 || /^\d+$/.test(labels.at(-1) ?? '')) return labels.join('.');
  const lastTwo = labels.slice(-2).join('.');
  return TWO_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/** The rule for a page: one naming its exact host first, else one naming its base domain. */
export function findSiteRule(url: string, rules: readonly SiteRule[] = SITE_RULES): SiteRule | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const exact = rules.find((rule) => rule.domains.includes(host));
  if (exact) return exact;
  const base = baseDomain(host);
  return rules.find((rule) => rule.domains.includes(base)) ?? null;
}
