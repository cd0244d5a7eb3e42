import { Parser } from 'htmlparser2';
import { OpmlParseError } from '../errors/opml-parse-error.js';
import { collapseWhitespace } from '../html/html-to-text.js';
import { httpUrlOrReason } from '../html/url-policy.js';
import type { OpmlDocument, OpmlOutline, OpmlWarning } from './types.js';

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
  name: OpmlWarning['attribute'],
  warnings: OpmlWarning[],
): string | null {
  if (value === null) return null;
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
 * Reads an OPML reading list: its title and the outline tree (folders and feeds). Tolerant of
 * attribute case and sloppy markup. `text` and `title` stand in for each other when one is missing,
 * so parseOpml(buildOpml(doc)) equals doc. An xmlUrl or htmlUrl that is not an absolute http(s)
 * URL (javascript:, relative, over-long) is dropped, listed in `warnings`.
 * @throws OpmlParseError when the text has no `<opml>` element.
 */
export function parseOpml(text: string): OpmlDocument {
  const root: OpmlOutline[] = [];
  const stack: OpmlOutline[][] = [root];
  let title: string | null = null;
  let sawOpml = false;
  let inHeadTitle = false;
  let titleText = '';
  let depth = 0;
  const warnings: OpmlWarning[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        if (tag === 'opml') sawOpml = true;
        else if (tag === 'title' && !sawOpml) return;
        else if (tag === 'title') inHeadTitle = true;
        else if (tag === 'outline') {
          depth++;
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
  parser.write(text);
  parser.end();
  if (!sawOpml) throw new OpmlParseError(`Not an OPML document: ${JSON.stringify(text.trim().slice(0, 80))}`);
  return warnings.length > 0 ? { title, outlines: root, warnings } : { title, outlines: root };
}
