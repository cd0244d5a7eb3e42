/** A feed a web page advertises (`source: 'link'`) or a common feed path worth trying ('guess'). */
export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: 'rss' | 'atom' | 'json' | 'unknown';
  source: 'link' | 'guess';
}
