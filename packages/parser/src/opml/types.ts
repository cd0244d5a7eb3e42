/** One `<outline>`: a feed (xmlUrl set) or a folder (children set), or both. */
export interface OpmlOutline {
  title: string | null;
  text: string | null;
  xmlUrl: string | null;
  htmlUrl: string | null;
  type: string | null;
  children: OpmlOutline[];
}

export interface OpmlWarning {
  /** URL_DROPPED: an xmlUrl or htmlUrl that is not an absolute http(s) URL. */
  code: string;
  message: string;
  /** The attribute dropped, and its value as written (for an importer's "skipped" report). */
  attribute: 'xmlUrl' | 'htmlUrl';
  value: string;
}

export interface OpmlDocument {
  title: string | null;
  outlines: OpmlOutline[];
  /** What parseOpml dropped; absent when nothing was. */
  warnings?: OpmlWarning[];
}

/** A subscription with the folder it sits in ("Tech/Web" for nested folders; null at the top). */
export interface OpmlSubscription {
  xmlUrl: string;
  title: string | null;
  htmlUrl: string | null;
  folder: string | null;
}
