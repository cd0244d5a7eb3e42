import { wordsIn } from './boilerplate-patterns.js';
import { parseByline } from './byline.js';
import { findVisibleDate } from './visible-date.js';

// Lines that carry metadata rather than story: "Published: 5 January 2022 | Updated: 6 January
// 2022", "By Jane Doe, AFP", "Jan 5, 2022 10:30 AM". Read into fields instead of kept as text.

const UPDATED_LABEL =
  /(?<![\p{L}\p{N}])(?:updated|last updated|modified|aktualisiert|mis à jour|actualizado|aggiornato|atualizado|bijgewerkt|обновлено)(?![\p{L}\p{N}])/iu;
/** Words that may surround a date on a date line without making it a sentence. */
const DATE_LINE_FILLER =
  /(?<![\p{L}\p{N}])(?:published|posted|updated|last|modified|on|at|date|time|le|am|um|el|il|em|op|de|del|published on|posted on|veröffentlicht|aktualisiert|publié|mis|à|jour|publicado|actualizado|pubblicato|aggiornato|atualizado|gepubliceerd|bijgewerkt|geplaatst|опубликовано|обновлено|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|ago|utc|gmt)(?![\p{L}\p{N}])/giu;
const SEGMENT_SEPARATOR = /\s*(?:[|•·]|\s[-–—]\s)\s*/u;
/** A date line holds little besides the date: labels, weekday, a byline. */
const MAX_DATE_LINE_EXTRA_WORDS = 4;
const MAX_METADATA_LINE_WORDS = 24;

export interface LineMetadata {
  publishedAt?: string;
  updatedAt?: string;
  byline?: string;
  /** A printed time had no zone and was read as UTC. */
  zoneAssumed?: boolean;
}

/**
 * The metadata a line carries when that is all it carries, or null when the line is something
 * else (a sentence that happens to mention a date is story, not metadata).
 */
export function readMetadataLine(line: string, options: { monthFirst?: boolean } = {}): LineMetadata | null {
  if (wordsIn(line) > MAX_METADATA_LINE_WORDS) return null;
  const metadata: LineMetadata = {};
  let rest = line;
  for (let date = findVisibleDate(rest, options); date; date = findVisibleDate(rest, options)) {
    const before = rest.slice(0, date.index);
    const label = before.split(SEGMENT_SEPARATOR).at(-1) ?? '';
    metadata[UPDATED_LABEL.test(label) ? 'updatedAt' : 'publishedAt'] ??= date.iso;
    if (date.zoneAssumed) metadata.zoneAssumed = true;
    rest = `${before} | ${rest.slice(date.index + date.length)}`;
  }
  const found = Object.keys(metadata).length > 0;
  for (const segment of rest.split(SEGMENT_SEPARATOR)) {
    const words = segment
      .replace(DATE_LINE_FILLER, ' ')
      .replace(/[,;:]+\s*$/u, '')
      .trim();
    if (words === '') continue;
    const byline = parseByline(words);
    if (byline) metadata.byline ??= byline;
    // Beside a date or byline, only a few other words (an agency, "by admin") are allowed.
    else if (wordsIn(words) > (found ? MAX_DATE_LINE_EXTRA_WORDS : 3)) return null;
  }
  return Object.keys(metadata).length > 0 ? metadata : null;
}

/** A date printed at the very start of the story ("GENEVA, Jan 5, 2022 (AFP) -"): its dateline. */
export function datelineDate(paragraph: string, options: { monthFirst?: boolean } = {}): string | null {
  const date = findVisibleDate(paragraph.slice(0, 80), options);
  return date && date.index < 40 ? date.iso : null;
}
