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

/** Something in a reading list that was repaired or could not be read. */
export interface OpmlWarning {
  code: 'UNCLOSED_OUTLINE' | 'OUTLINES_UNREAD';
  message: string;
}

export interface OpmlReading {
  document: OpmlDocument;
  warnings: OpmlWarning[];
}
