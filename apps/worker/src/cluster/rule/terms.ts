import { STOPWORDS, signatureWords } from '@newsfeed/parser';
import { GENERIC_HEADLINE_WORDS } from './generic-words.js';

// Tokenization for clustering: folded words (case, accents, possessives), light English plural
// stemming, stopwords and generic headline words left out.

const POSSESSIVE = /(?<=\p{L})['’ʼ]s\b/gu;
/** POSSESSIVE's apostrophes: most titles and texts have none, and this scan is cheaper than its lookbehind. */
const APOSTROPHE = /['’ʼ]/u;
const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/u;
const LATIN_WORD = /^[a-z]+$/;

/**
 * Stopwords: the most frequent words of the language (of every language when it is unknown). The
 * lists run on into content words ("public", "government"), so only their head is taken.
 */
export const DEFAULT_STOPWORDS_PER_LANGUAGE = 120;

const stopwordSets = new Map<string, ReadonlySet<string>>();

function stopwordsFor(language: string | null, perLanguage: number): ReadonlySet<string> {
  const key = `${language ?? '*'}:${perLanguage}`;
  const cached = stopwordSets.get(key);
  if (cached) return cached;
  const list = language ? STOPWORDS[language] : undefined;
  const lists = list ? [list] : Object.values(STOPWORDS);
  const set = new Set(lists.flatMap((words) => words.slice(0, perLanguage)));
  stopwordSets.set(key, set);
  return set;
}

const VOWEL = /[aeiouy]/;
/** A doubled final consonant left by "-ed"/"-ing" ("stopped", "planning"); "ll", "ss", "zz" are the word's own. */
const DOUBLED_CONSONANT = /([bdfgkmnprtv])\1$/;

/**
 * Light English stemming: plurals ("companies" -> "company", "taxes" -> "tax"; "news", "bus",
 * "crisis" stay), then verb inflections and a final "e", so "arrested"/"arrests", "sneaked"/"sneaking"
 * and "changes"/"changed" meet ("arrest", "sneak", "chang"): outlets tell one event in other tenses.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !LATIN_WORD.test(word)) return word;
  return stemInflection(stemPlural(word));
}

function stemPlural(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is|ws)$/.test(word)) return word.slice(0, -1);
  return word;
}

function stemInflection(word: string): string {
  // "need", "speed", "agreed": the "ed" is the word's own or its "e" stays.
  if (word.length < 4 || word.endsWith('eed')) return word;
  let base: string;
  if (word.endsWith('ing')) base = word.slice(0, -3);
  else if (word.endsWith('ed')) base = word.slice(0, -2);
  else return word.endsWith('e') ? word.slice(0, -1) : word;
  // "king", "thing", "red": too little is left for the ending to be an inflection.
  if (base.length < 3 || !VOWEL.test(base)) return word;
  if (DOUBLED_CONSONANT.test(base)) base = base.slice(0, -1);
  return base.endsWith('e') ? base.slice(0, -1) : base;
}

/** Folded word tokens of `text`, before stopwords are removed. */
export function foldedWords(text: string): string[] {
  const noPossessive = APOSTROPHE.test(text) ? text.replace(POSSESSIVE, '') : text;
  const unaccented = NON_ASCII.test(noPossessive)
    ? noPossessive.normalize('NFKD').replace(COMBINING_MARKS, '')
    : noPossessive;
  return signatureWords(unaccented);
}

/** The content words among `folded` (foldedWords' output) in order: stemmed, stopwords and generic words left out. */
export function contentWordsOf(
  folded: readonly string[],
  language: string | null,
  stopwordsPerLanguage: number,
  limit = Number.POSITIVE_INFINITY,
  words: string[] = [],
): string[] {
  const stopwords = stopwordsFor(language, stopwordsPerLanguage);
  for (const word of folded) {
    if (words.length >= limit) break;
    if (stopwords.has(word) || GENERIC_HEADLINE_WORDS.has(word)) continue;
    if (word.length === 1 && LATIN_WORD.test(word)) continue;
    words.push(stem(word));
  }
  return words;
}

/**
 * Characters folded at a time when only a text's first content words are wanted (a lead of about
 * twenty words): the rest of a long text is never folded.
 */
const LEAD_PIECE_CHARS = 400;

/**
 * The end of the piece of `text` that starts at `start`: just after a space, so no word, accent,
 * possessive or case context is cut (each rule foldedWords applies stops at a space), and the
 * pieces' words are the text's words.
 */
function pieceEnd(text: string, start: number): number {
  const limit = start + LEAD_PIECE_CHARS;
  if (limit >= text.length) return text.length;
  const before = text.lastIndexOf(' ', limit);
  if (before >= start) return before + 1;
  const after = text.indexOf(' ', limit);
  return after === -1 ? text.length : after + 1;
}

/** The content words of `text` in order (stemmed; stopwords and generic words left out), `limit` at most. */
export function contentWords(
  text: string,
  language: string | null,
  stopwordsPerLanguage: number,
  limit = Number.POSITIVE_INFINITY,
): string[] {
  const words: string[] = [];
  for (let start = 0; start < text.length && words.length < limit; ) {
    const end = pieceEnd(text, start);
    contentWordsOf(foldedWords(text.slice(start, end)), language, stopwordsPerLanguage, limit, words);
    start = end;
  }
  return words;
}

const ORIGINAL_WORD = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu;
const CAPITALIZED = /^\p{Lu}/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}]+$/u;
/** In a headline where at least this share of the longer words is capitalized, case says nothing. */
const TITLE_CASE_SHARE = 0.5;
const LONGER_WORD = 4;

/**
 * Folded stems of the title's names: acronyms ("SXSW", "FX"), and in a sentence-case headline the
 * capitalized words after the first ("Fed official says Plosser ..."). Title Case marks every word.
 */
export function namedWords(title: string): Set<string> {
  const words = title.match(ORIGINAL_WORD) ?? [];
  const longer = words.slice(1).filter((word) => word.length >= LONGER_WORD);
  const capitalized = longer.filter((word) => CAPITALIZED.test(word)).length;
  const titleCase = longer.length > 0 && capitalized / longer.length >= TITLE_CASE_SHARE;
  const names = new Set<string>();
  for (const [position, word] of words.entries()) {
    const isName = ACRONYM.test(word) || (!titleCase && position > 0 && CAPITALIZED.test(word));
    if (!isName) continue;
    for (const folded of foldedWords(word)) names.add(stem(folded));
  }
  return names;
}
