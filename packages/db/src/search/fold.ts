// How every word is compared for search, indexed or asked: decomposed (NFKD), accents removed,
// lower-cased, ß spelled ss ("strassen" finds "Straßen"). PostgreSQL's nf_search_fold takes the same
// steps; SQLite's tokenizer folds case and Latin accents, and ß/ss is asked both ways (sqlite.ts).

/** A word's characters: letters, digits and their marks (an Indic vowel sign is not an accent). */
const WORD_CLASS = String.raw`[\p{L}\p{N}\p{M}]`;
/** A word: a run of WORD_CLASS. */
export const WORD = new RegExp(`${WORD_CLASS}+`, 'gu');
/** One character of a word. */
export const WORD_CHARACTER = new RegExp(`^${WORD_CLASS}$`, 'u');
/** The combining diacritics: what is removed, the blocks PostgreSQL's nf_search_fold removes too. */
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/gu;
/** ß and its capital ẞ: NFKD leaves them alone, German spells them ss when they are not available. */
const SHARP_S = /[ßẞ]/gu;
/** Plain ASCII: nothing to decompose or strip, and its letters and digits are [a-z0-9] once lower-cased. */
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;

/** A text folded for comparison: accents removed, lower case, ß as ss. */
export function foldText(text: string): string {
  // Most text is ASCII: lower-casing is all it needs, and far cheaper than normalizing.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(DIACRITICS, '').toLowerCase().replace(SHARP_S, 'ss');
}

/** A text's words (letters, digits and their marks), each folded by foldText. */
export function foldedWords(text: string): string[] {
  if (ASCII.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return foldText(text).match(WORD) ?? [];
}
