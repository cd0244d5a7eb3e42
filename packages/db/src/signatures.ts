import { DbInputError } from './errors.js';
import { foldedWords } from './search-fold.js';

// What the layer derives from an item to find its candidate stories without scanning: the 64-bit
// simhash cut into four 16-bit bands (two texts within 3 bits of each other share at least one band
// exactly), and the distinctive words of its title.

export const SIMHASH_BANDS = 4;
const SIMHASH_PATTERN = /^[0-9a-f]{16}$/i;

/** The four 16-bit bands of a 16-hex-digit simhash, or nulls when there is none. */
export function simhashBands(simhash: string | null): (number | null)[] {
  if (simhash === null) return [null, null, null, null];
  if (!SIMHASH_PATTERN.test(simhash)) {
    throw new DbInputError(`simhash must be 16 hex digits, got ${JSON.stringify(simhash.slice(0, 40))}`);
  }
  return Array.from({ length: SIMHASH_BANDS }, (_, band) =>
    Number.parseInt(simhash.slice(band * 4, band * 4 + 4), 16),
  );
}

/** Title words stored per item; more would cost index space without finding better candidates. */
export const MAX_TITLE_TERMS = 12;
const MIN_TERM_LENGTH = 3;

// Title words and the search vocabulary are folded as search folds them (search-fold.ts).
export { foldedWords };

// Words too common in news titles to say anything about which event a title is about.
const STOP_WORDS = new Set(
  (
    'the and for are but not you all any can had her was one our out day get has him his how man new now old see two ' +
    'way who boy did its let put say she too use that with have this will your from they know want been good much some ' +
    'time very when come here just like long make many more only over such take than them well were what into after ' +
    'says said about amid over under first last year years week news live update updates report reports video photos ' +
    'les des une pour dans der die das und den mit von del los las por para con una'
  ).split(' '),
);

/**
 * The normalized title words this layer indexes and matches: lower-cased, accents removed, at least three
 * characters, no stop words, unique, at most MAX_TITLE_TERMS. Callers may pass raw words as
 * `CandidateQuery.titleTerms`: they go through this function too.
 */
export function titleTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const word of foldedWords(text)) {
    if (word.length < MIN_TERM_LENGTH || STOP_WORDS.has(word)) continue;
    terms.add(word);
    if (terms.size === MAX_TITLE_TERMS) break;
  }
  return [...terms];
}
