import type { OpmlDocument, OpmlOutline, OpmlSubscription } from './types.js';

/** Separates folder names in `folder` ("Tech/Web"). */
export const OPML_FOLDER_SEPARATOR = '/';

/**
 * Every feed of a reading list, in document order, once per address, with the path of folder
 * titles that encloses it (null at the top level).
 */
export function flattenOpml(document: OpmlDocument): OpmlSubscription[] {
  const seen = new Set<string>();
  const subscriptions: OpmlSubscription[] = [];
  const visit = (outlines: OpmlOutline[], folders: string[]) => {
    for (const outline of outlines) {
      if (outline.xmlUrl && !seen.has(outline.xmlUrl)) {
        seen.add(outline.xmlUrl);
        subscriptions.push({
          xmlUrl: outline.xmlUrl,
          title: outline.title ?? outline.text,
          htmlUrl: outline.htmlUrl,
          folder: folders.length > 0 ? folders.join(OPML_FOLDER_SEPARATOR) : null,
        });
      }
      const name = outline.title ?? outline.text;
      if (outline.children.length > 0)
        visit(outline.children, outline.xmlUrl || !name ? folders : [...folders, name]);
    }
  };
  visit(document.outlines, []);
  return subscriptions;
}
