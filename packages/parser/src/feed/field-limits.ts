import type { Warnings } from './warnings.js';

/** Feed and item titles longer than this are cut (with a FIELD_TRUNCATED warning). */
export const DEFAULT_MAX_TITLE_CHARS = 2_000;
/** Summaries and the feed description longer than this are cut. */
export const DEFAULT_MAX_SUMMARY_CHARS = 20_000;
/** Item content (its sanitized HTML, and its text) longer than this is cut. */
export const DEFAULT_MAX_CONTENT_CHARS = 1_000_000;
/** Short values (author names and emails, categories, guids, languages) longer than this are cut. */
export const DEFAULT_MAX_SHORT_TEXT_CHARS = 1_000;
/** Authors, categories and enclosures kept per item (and per feed); the rest are dropped. */
export const DEFAULT_MAX_LIST_ENTRIES = 100;

/** How long each field the parser emits may be (options.fieldLimits overrides any of them). */
export interface FeedFieldLimits {
  titleChars: number;
  summaryChars: number;
  contentChars: number;
  shortTextChars: number;
  listEntries: number;
}

export const DEFAULT_FIELD_LIMITS: Readonly<FeedFieldLimits> = {
  titleChars: DEFAULT_MAX_TITLE_CHARS,
  summaryChars: DEFAULT_MAX_SUMMARY_CHARS,
  contentChars: DEFAULT_MAX_CONTENT_CHARS,
  shortTextChars: DEFAULT_MAX_SHORT_TEXT_CHARS,
  listEntries: DEFAULT_MAX_LIST_ENTRIES,
};

/** The first `limit` characters of `text`, not splitting a surrogate pair. */
function cut(text: string, limit: number): string {
  const end = limit > 0 && /[\ud800-\udbff]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return text.slice(0, Math.max(end, 0));
}

/** `text` cut to `limit` characters (an ellipsis marks the cut), with a FIELD_TRUNCATED warning. */
export function capText(
  text: string | null,
  limit: number,
  where: string,
  warnings: Warnings,
): string | null {
  if (text === null || text.length <= limit) return text;
  warnings.add('FIELD_TRUNCATED', `${where}: ${text.length} characters cut to ${limit}`);
  return `${cut(text, Math.max(limit - 1, 0)).trimEnd()}…`;
}

/** The first `limit` entries of `list`, with a warning when some are dropped. */
export function capList<T>(list: T[], limit: number, where: string, warnings: Warnings): T[] {
  if (list.length <= limit) return list;
  warnings.add('FIELD_TRUNCATED', `${where}: ${list.length} entries, kept the first ${limit}`);
  return list.slice(0, limit);
}

/**
 * What `render` (a sanitizer) makes of `source`, its HTML and text each at most `limit` characters:
 * the source is cut first (the sanitizer closes what the cut left open), shorter when escaping
 * lengthened it, so no step works on much more than `limit`.
 */
export function renderCapped(
  source: string,
  render: (source: string) => { html: string; text: string },
  limit: number,
  where: string,
  warnings: Warnings,
): { html: string; text: string } {
  if (source.length <= limit) {
    const result = render(source);
    if (result.html.length <= limit && result.text.length <= limit) return result;
  }
  warnings.add('FIELD_TRUNCATED', `${where}: content of ${source.length} characters cut to ${limit}`);
  let input = cut(source, limit);
  for (;;) {
    const result = render(input);
    if (result.html.length <= limit || input.length === 0) {
      return { html: result.html, text: cut(result.text, limit) };
    }
    input = cut(input, Math.floor((input.length * limit) / result.html.length) - 1);
  }
}
