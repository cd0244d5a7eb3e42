// One item as the clustering rule sees it.

/** One item as the clustering rule sees it. Plain data, no database. */
export interface ClusterDoc {
  /** Item id (ids grow with insertion order). */
  id: number;
  /** The outlet: several items of one feed are not independent coverage. */
  feedId: number;
  title: string;
  /** Plain text: summary, feed content or fetched full text; null when none. */
  text: string | null;
  /** ISO 639-1 from the signing stage, null when unknown. */
  language: string | null;
  /** Epoch ms. */
  publishedAt: number | null;
  /** Epoch ms. */
  firstSeenAt: number;
  /**
   * The item's stored simhash of `${title}\n${text}` (what the signing stage stores), so the rule
   * need not compute it again; computed from title and text when absent.
   */
  simhash?: string | null;
}
