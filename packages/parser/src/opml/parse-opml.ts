import { Parser } from 'htmlparser2';
import { OpmlParseError } from '../errors/opml-parse-error.js';
import { collapseWhitespace } from '../html/html-to-text.js';
import { repairOutlineTags } from './repair-outlines.js';
import type { OpmlDocument, OpmlOutline, OpmlReading } from './types.js';

/** Folders nested deeper than this are flattened into their parent (no real reading list comes close). */
export const MAX_OPML_DEPTH = 64;

/** Attribute lookup ignoring case: exporters write xmlUrl, xmlurl or XMLURL. */
function attribute(attributes: Record<string, string>, name: string): string | null {
  const key = Object.keys(attributes).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? '' : collapseWhitespace(attributes[key]!);
  return value || null;
}

/**
 * Reads an OPML reading list: its title and the outline tree (folders and feeds), and warnings for
 * what had to be repaired or could not be read (an unclosed `<outline ...`, outlines the reader
 * lost). Tolerant of attribute case and sloppy markup. `text` and `title` stand in for each other
 * when one is missing, so readOpml(buildOpml(doc)).document equals doc.
 * @throws OpmlParseError when the text has no `<opml>` element.
 */
export function readOpml(text: string): OpmlReading {
  const repaired = repairOutlineTags(text);
  const warnings = [...repaired.warnings];
  const root: OpmlOutline[] = [];
  const stack: OpmlOutline[][] = [root];
  let title: string | null = null;
  let sawOpml = false;
  let inHeadTitle = false;
  let titleText = '';
  let depth = 0;
  let outlinesRead = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        if (tag === 'opml') sawOpml = true;
        else if (tag === 'title' && !sawOpml) return;
        else if (tag === 'title') inHeadTitle = true;
        else if (tag === 'outline') {
          depth++;
          outlinesRead++;
          const outline: OpmlOutline = {
            title: attribute(attributes, 'title') ?? attribute(attributes, 'text'),
            text: attribute(attributes, 'text') ?? attribute(attributes, 'title'),
            xmlUrl: attribute(attributes, 'xmlUrl') ?? attribute(attributes, 'url'),
            htmlUrl: attribute(attributes, 'htmlUrl'),
            type: attribute(attributes, 'type'),
            children: [],
          };
          stack.at(-1)!.push(outline);
          if (depth <= MAX_OPML_DEPTH) stack.push(outline.children);
        }
      },
      ontext(data) {
        if (inHeadTitle) titleText += data;
      },
      onclosetag(name) {
        const tag = name.toLowerCase();
        if (tag === 'title' && inHeadTitle) {
          inHeadTitle = false;
          title ??= collapseWhitespace(titleText) || null;
        } else if (tag === 'outline') {
          if (depth <= MAX_OPML_DEPTH) stack.pop();
          depth--;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(repaired.text);
  parser.end();
  if (!sawOpml) throw new OpmlParseError(`Not an OPML document: ${JSON.stringify(text.trim().slice(0, 80))}`);
  if (outlinesRead < repaired.outlineTags) {
    const lost = repaired.outlineTags - outlinesRead;
    warnings.push({
      code: 'OUTLINES_UNREAD',
      message: `${lost} of ${repaired.outlineTags} <outline> tags could not be read (malformed markup)`,
    });
  }
  return { document: { title, outlines: root }, warnings };
}

/** The outline tree of a reading list, without the warnings (see readOpml). */
export function parseOpml(text: string): OpmlDocument {
  return readOpml(text).document;
}
