import type { Element } from 'domhandler';
import { textOf, walkElements } from './page-walk.js';

// A table or list whose rows are mostly e-mail addresses is a staff or press-contact directory:
// Readability can take it for the story (many short cells, many commas), and it is never prose.

/** Rows a directory has at least. */
export const CONTACT_LIST_MIN_ROWS = 3;
/** Share of rows holding an e-mail address from which a table or list is a directory. */
export const CONTACT_LIST_MIN_SHARE = 0.5;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;
const ROW_OF: Readonly<Record<string, string>> = { table: 'tr', ul: 'li', ol: 'li', dl: 'dd' };

function holdsEmail(row: Element): boolean {
  if (EMAIL.test(textOf(row))) return true;
  let mailto = false;
  walkElements(row, (element) => {
    if (element.name === 'a' && /^mailto:/i.test(element.attribs.href ?? '')) mailto = true;
    return !mailto;
  });
  return mailto;
}

/** Whether a table, list or definition list is a directory of e-mail contacts. */
export function isContactList(element: Element): boolean {
  const rowName = ROW_OF[element.name];
  if (!rowName) return false;
  let rows = 0;
  let withEmail = 0;
  walkElements(element, (child) => {
    if (child.name !== rowName) return child.name !== 'table' && !(child.name in ROW_OF);
    rows++;
    if (holdsEmail(child)) withEmail++;
    return false;
  });
  return rows >= CONTACT_LIST_MIN_ROWS && withEmail >= rows * CONTACT_LIST_MIN_SHARE;
}
