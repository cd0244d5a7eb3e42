// A text's words as the full-text index folds them; the SQLite search vocabulary is built from them.

const WORD = /[\p{L}\p{N}]+/gu;
const DIACRITICS = /\p{M}+/gu;
/** Plain ASCII: nothing to decompose or strip, and its letters and digits are [a-z0-9] once lower-cased. */
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;

/**
 * A text's words as the full-text index folds them (FTS5 unicode61 with remove_diacritics): letters
 * and digits, lower-cased, accents removed. The search vocabulary starts here.
 */
export function foldedWords(text: string): string[] {
  if (ASCII.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return text.normalize('NFKD').replace(DIACRITICS, '').toLowerCase().match(WORD) ?? [];
}
