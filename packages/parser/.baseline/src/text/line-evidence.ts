import { matchBoilerplatePattern, wordsIn } from './boilerplate-patterns.js';
import { ALL_STOPWORDS } from './stopwords.js';
import { countWords, signatureWords } from './words.js';

// Evidence about one line of scraped text, language-independent where it can be: how long it is,
// whether it reads as sentences (function words, final punctuation), and whether its shape is
// page furniture (breadcrumbs, link lists, a lone URL, an all-caps menu entry).

const SENTENCE_END = /[.!?…。！？]["”’)»]*$/u;
const LATIN_OR_CYRILLIC = /[\p{Script=Latin}\p{Script=Cyrillic}]/u;
const BREADCRUMB_SEPARATOR = /\s[»›>]\s|\s\/\s/gu;
const LIST_SEPARATOR = /\s*[|•·]\s*/u;
const LONE_URL = /^(?:https?:\/\/|www\.)\S+$|^\S+@\S+\.\S+$|^@\w+$/iu;
const NO_LETTERS = /^[^\p{L}]*$/u;

/** A line reads as story prose with at least this many words and final punctuation... */
const PROSE_MIN_WORDS = 6;
/** ...and this share of function words (any profiled language), for scripts that have them... */
const PROSE_MIN_STOPWORD_SHARE = 0.08;
/** ...unless it is this long: inflected languages (ru, fi, pl) can write a sentence without them. */
const PROSE_SENTENCE_WORDS = 10;
/** A line this long reads as prose even without final punctuation (a truncated paragraph)... */
const PROSE_LONG_WORDS = 16;
/** ...if it has this share of function words (headline lists and tag lists have none). */
const PROSE_LONG_STOPWORD_SHARE = 0.15;

export interface LineEvidence {
  words: number;
  endsSentence: boolean;
  stopwordShare: number;
  /** Story text: enough words, sentence punctuation or length, function words. */
  prose: boolean;
  /** Why the line is furniture ('share-label', 'breadcrumb', 'nav-list'...), or null. */
  boilerplate: string | null;
  /** Short, capitalised-only text: a menu entry or a section label. */
  allCaps: boolean;
}

function stopwordShare(line: string): number {
  if (!LATIN_OR_CYRILLIC.test(line)) return 1;
  const words = signatureWords(line);
  if (words.length === 0) return 0;
  return words.filter((word) => ALL_STOPWORDS.has(word)).length / words.length;
}

/** Furniture reasons read from a line's shape rather than its words (see structuralBoilerplate). */
export const STRUCTURAL_REASONS: ReadonlySet<string> = new Set([
  'no-letters',
  'url',
  'breadcrumb',
  'nav-list',
]);

function structuralBoilerplate(line: string, words: number): string | null {
  if (NO_LETTERS.test(line)) return 'no-letters';
  if (LONE_URL.test(line)) return 'url';
  const crumbs = line.split(BREADCRUMB_SEPARATOR);
  if (
    crumbs.length >= 2 &&
    words <= 15 &&
    !SENTENCE_END.test(line) &&
    crumbs.every((crumb) => wordsIn(crumb) <= 5)
  ) {
    return 'breadcrumb';
  }
  const items = line.split(LIST_SEPARATOR).filter((item) => item !== '');
  if (items.length >= 3 && items.every((item) => wordsIn(item) <= 4)) return 'nav-list';
  return null;
}

export function lineEvidence(line: string): LineEvidence {
  // ICU word segmentation, so a Chinese or Japanese sentence counts its words, not its runs.
  const words = countWords(line);
  const endsSentence = SENTENCE_END.test(line);
  const share = stopwordShare(line);
  const prose = endsSentence
    ? words >= PROSE_SENTENCE_WORDS || (words >= PROSE_MIN_WORDS && share >= PROSE_MIN_STOPWORD_SHARE)
    : words >= PROSE_LONG_WORDS && share >= PROSE_LONG_STOPWORD_SHARE;
  const letters = line.replace(/[^\p{L}]/gu, '');
  const allCaps =
    words <= 5 &&
    letters.length >= 2 &&
    letters === letters.toUpperCase() &&
    letters !== letters.toLowerCase();
  return {
    words,
    endsSentence,
    stopwordShare: share,
    prose,
    boilerplate: matchBoilerplatePattern(line) ?? structuralBoilerplate(line, words),
    allCaps,
  };
}
