import { Parser } from 'htmlparser2';
import { OpmlParseError } from '../errors/opml-parse-error.js';
import { collapseWhitespace } from '../html/html-to-text.js';
import { httpUrlOrReason, MAX_URL_CHARS } from '../html/url-policy.js';
import { repairOutlineTags } from './repair-outlines.js';
import type { OpmlDocument, OpmlOutline, OpmlReading, OpmlWarning } from './types.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Folders nested deeper than this are flattened into their parent (no real reading list comes close). */
export const MAX_OPML_DEPTH = 64;

/** Attribute lookup ignoring case: exporters write xmlUrl, xmlurl or XMLURL. */
function attribute(attributes: Record<string, string>, name: string): string | null {
  const key = Object.keys(attributes).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? '' : collapseWhitespace(attributes[key]!);
  return value || null;
}

/**
 * An outline's URL as written when the URL policy accepts it (absolute http(s)); else null and a
 * warning. Kept as written so parseOpml(buildOpml(doc)) stays doc.
 */
function outlineUrl(
  value: string | null,
  name: 'xmlUrl' | 'htmlUrl',
  warnings: OpmlWarning[],
): string | null {
  if (value === null) return null;
  // A feed address written without a scheme (`example.org/rss`) is not a URL yet: subscribableUrl
  // decides what it means; anything with another scheme than http(s) is dropped here.
  if (name === 'xmlUrl' && !SCHEME.test(value.trim()) && value.length <= MAX_URL_CHARS) return value;
  const result = httpUrlOrReason(value);
  if (typeof result === 'string') return value;
  warnings.push({
    code: 'URL_DROPPED',
    message: `${name} ${JSON.stringify(value.slice(0, 80))} dropped: ${result.reason}`,
    attribute: name,
    value,
  });
  return null;
}

/**
 * Reads an OPML reading list (title, folders and feeds), tolerant of attribute case and sloppy
 * markup, with a warning for what was repaired, dropped or unreadable (an xmlUrl that is not an
 * absolute http(s) URL). `text` and `title` stand in for each other, so
 * readOpml(buildOpml(doc)).document equals doc.
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
            xmlUrl: outlineUrl(
              attribute(attributes, 'xmlUrl') ?? attribute(attributes, 'url'),
              'xmlUrl',
              warnings,
            ),
            htmlUrl: outlineUrl(attribute(attributes, 'htmlUrl'), 'htmlUrl', warnings),
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
