/** One `<outline>`: a feed (xmlUrl set) or a folder (children set), or both. */
export interface OpmlOutline {
  title: string | null;
  text: string | null;
  xmlUrl: string | null;
  htmlUrl: string | null;
  type: string | null;
  children: OpmlOutline[];
}

export interface OpmlDocument {
  title: string | null;
  outlines: OpmlOutline[];
}

/** A subscription with the folder it sits in ("Tech/Web" for nested folders; null at the top). */
export interface OpmlSubscription {
  xmlUrl: string;
  title: string | null;
  htmlUrl: string | null;
  folder: string | null;
}

/**
 * Something in a reading list that was repaired, dropped or could not be read. URL_DROPPED: an xmlUrl
 * or htmlUrl that is not an absolute http(s) URL, with the attribute and its value as written.
 */
export interface OpmlWarning {
  code: 'URL_DROPPED' | 'UNCLOSED_OUTLINE' | 'OUTLINES_UNREAD';
  message: string;
  attribute?: 'xmlUrl' | 'htmlUrl';
  value?: string;
}

export interface OpmlReading {
  document: OpmlDocument;
  warnings: OpmlWarning[];
}
