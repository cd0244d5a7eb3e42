import type { OpmlDocument, OpmlOutline } from './types.js';

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}

function outlineXml(outline: OpmlOutline, indent: string): string {
  const attributes: [string, string | null][] = [
    // OPML 2.0 requires `text`; a nameless feed is named by its address.
    ['text', outline.text ?? outline.title ?? outline.xmlUrl ?? ''],
    ['title', outline.title],
    ['type', outline.type ?? (outline.xmlUrl ? 'rss' : null)],
    ['xmlUrl', outline.xmlUrl],
    ['htmlUrl', outline.htmlUrl],
  ];
  const serialized = attributes
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (outline.children.length === 0) return `${indent}<outline${serialized}/>\n`;
  const children = outline.children.map((child) => outlineXml(child, `${indent}  `)).join('');
  return `${indent}<outline${serialized}>\n${children}${indent}</outline>\n`;
}

/** Writes an OPML 2.0 reading list (folders as nested outlines) that parseOpml reads back unchanged. */
export function buildOpml(document: OpmlDocument): string {
  const title = document.title === null ? '' : `    <title>${escapeAttribute(document.title)}</title>\n`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<opml version="2.0">\n',
    `  <head>\n${title}  </head>\n`,
    '  <body>\n',
    ...document.outlines.map((outline) => outlineXml(outline, '    ')),
    '  </body>\n',
    '</opml>\n',
  ].join('');
}
