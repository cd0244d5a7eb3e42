import { STOPWORDS } from './stopwords.js';
import { signatureWords } from './words.js';

// Scripts that belong to one language (or one we report for them): decided by counting letters.
const SCRIPT_LANGUAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Tamil}/u, 'ta'],
  [/\p{Script=Telugu}/u, 'te'],
  [/\p{Script=Gujarati}/u, 'gu'],
  [/\p{Script=Gurmukhi}/u, 'pa'],
  [/\p{Script=Kannada}/u, 'kn'],
  [/\p{Script=Malayalam}/u, 'ml'],
  [/\p{Script=Sinhala}/u, 'si'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
  [/\p{Script=Ethiopic}/u, 'am'],
  [/\p{Script=Khmer}/u, 'km'],
  [/\p{Script=Lao}/u, 'lo'],
  [/\p{Script=Myanmar}/u, 'my'],
];
const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const ARABIC = /\p{Script=Arabic}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
/** Letters Persian and Urdu add to the Arabic alphabet. */
const PERSIAN_LETTERS = /[پچژگکی]/gu;
const URDU_LETTERS = /[ٹڈڑںےھ]/gu;
/** Letters only Ukrainian uses among the Cyrillic languages profiled. */
const UKRAINIAN_LETTERS = /[іїєґІЇЄҐ]/gu;

/** Letters sampled: enough to decide, bounded so a huge text costs no more than a long article. */
const SAMPLE_CHARS = 3_000;
/** A stopword profile needs this many weighted hits, and this share of the words, to decide. */
const MIN_STOPWORD_SCORE = 2;
const MIN_STOPWORD_SHARE = 0.04;
/** Only a language's most frequent words go into its profile, so long lists do not win by size. */
const PROFILE_SIZE = 100;

const PROFILES: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>> = (() => {
  const languagesOf = new Map<string, number>();
  const lists = Object.entries(STOPWORDS).map(
    ([language, words]) => [language, words.slice(0, PROFILE_SIZE)] as const,
  );
  for (const [, words] of lists)
    for (const word of new Set(words)) languagesOf.set(word, (languagesOf.get(word) ?? 0) + 1);
  // A word shared by several languages is weaker evidence for each of them.
  const weighted = new Map<string, Array<readonly [string, number]>>();
  for (const [language, words] of lists) {
    for (const word of new Set(words)) {
      const entry = weighted.get(word) ?? [];
      entry.push([language, 1 / (languagesOf.get(word) ?? 1)]);
      weighted.set(word, entry);
    }
  }
  return weighted;
})();

/** Global twins of the script patterns, compiled once (Unicode property classes are costly to build). */
const GLOBAL_PATTERNS = new Map<RegExp, RegExp>();

function countMatches(sample: string, pattern: RegExp): number {
  let global = GLOBAL_PATTERNS.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, 'gu');
    GLOBAL_PATTERNS.set(pattern, global);
  }
  // One native pass; deleting the matches and comparing lengths avoids a JS call per match.
  return sample.length - sample.replace(global, '').length;
}

const SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [LATIN, 'latin'],
  [CYRILLIC, 'cyrillic'],
  [HAN, 'han'],
  [KANA, 'kana'],
  [ARABIC, 'arabic'],
  ...SCRIPT_LANGUAGES,
];

/** Letters per script in the sample: one native scan per script beats testing every character. */
function countScripts(sample: string): { letters: number; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const letters = countMatches(sample, LETTER);
  let counted = 0;
  for (const [pattern, key] of SCRIPTS) {
    if (counted >= letters) break;
    const count = countMatches(sample, pattern);
    if (count > 0) counts.set(key, count);
    counted += count;
  }
  return { letters, counts };
}

function byStopwords(sample: string, candidates: ReadonlySet<string>): string | null {
  const words = signatureWords(sample);
  const scores = new Map<string, number>();
  for (const word of words) {
    for (const [language, weight] of PROFILES.get(word) ?? []) {
      if (candidates.has(language)) scores.set(language, (scores.get(language) ?? 0) + weight);
    }
  }
  let best: string | null = null;
  let bestScore = 0;
  for (const [language, score] of scores) {
    if (score > bestScore) [best, bestScore] = [language, score];
  }
  if (bestScore < MIN_STOPWORD_SCORE || bestScore < words.length * MIN_STOPWORD_SHARE) return null;
  return best;
}

const CYRILLIC_LANGUAGES = new Set(['ru', 'uk', 'bg']);
const LATIN_LANGUAGES = new Set(
  Object.keys(STOPWORDS).filter((language) => !CYRILLIC_LANGUAGES.has(language)),
);

function arabicScriptLanguage(sample: string, arabicLetters: number): string {
  const persian = sample.match(PERSIAN_LETTERS)?.length ?? 0;
  const urdu = sample.match(URDU_LETTERS)?.length ?? 0;
  if (urdu > arabicLetters * 0.02) return 'ur';
  if (persian > arabicLetters * 0.03) return 'fa';
  return 'ar';
}

/**
 * The language of a text as a BCP 47 primary tag, or null when the evidence is too thin. A script
 * that means one language decides alone (Hangul -> ko, Greek -> el...); Latin and Cyrillic text is
 * matched against stopword profiles.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const { letters, counts } = countScripts(sample);
  if (letters === 0) return null;
  const [script] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (script === undefined) return null;
  const han = counts.get('han') ?? 0;
  const kana = counts.get('kana') ?? 0;
  if (script === 'han' || script === 'kana') return kana > (han + kana) * 0.05 ? 'ja' : 'zh';
  if (script === 'arabic') return arabicScriptLanguage(sample, counts.get('arabic') ?? 0);
  if (script === 'latin') return byStopwords(sample, LATIN_LANGUAGES);
  if (script === 'cyrillic') {
    const ukrainian = sample.match(UKRAINIAN_LETTERS)?.length ?? 0;
    if (ukrainian > (counts.get('cyrillic') ?? 0) * 0.01) return 'uk';
    return byStopwords(sample, CYRILLIC_LANGUAGES);
  }
  return script;
}
