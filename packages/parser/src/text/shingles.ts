import { matchBoilerplatePattern, wordsIn } from './boilerplate-patterns.js';
import { signatureWords } from './words.js';

/** Words per shingle: long enough that shared phrases, not shared vocabulary, make texts alike. */
export const SHINGLE_WORDS = 3;
/** Weight of a line that matches a boilerplate pattern ("Share this", "Source link", "© AFP"). */
const BOILERPLATE_LINE_WEIGHT = 0.05;
/** Lines this short are labels or headings more often than story: they count a little. */
const SHORT_LINE_WORDS = 4;
const SHORT_LINE_WEIGHT = 0.3;

export interface WeightedShingle {
  shingle: string;
  /** 0..1: how much this piece of text is likely story rather than page furniture. */
  weight: number;
  /** Index of the shingle's first word among the text's words. */
  position: number;
}

function lineWeight(line: string): number {
  if (matchBoilerplatePattern(line)) return BOILERPLATE_LINE_WEIGHT;
  return wordsIn(line, SHORT_LINE_WORDS) < SHORT_LINE_WORDS ? SHORT_LINE_WEIGHT : 1;
}

/** The text's folded words, each with the weight of the line it comes from. */
export function weightedWords(text: string): { words: string[]; weights: number[] } {
  const words: string[] = [];
  const weights: number[] = [];
  for (const line of text.split(/\n+/)) {
    const lineWords = signatureWords(line);
    if (lineWords.length === 0) continue;
    const weight = lineWeight(line);
    for (const word of lineWords) {
      words.push(word);
      weights.push(weight);
    }
  }
  return { words, weights };
}

/**
 * The text's word shingles (runs of SHINGLE_WORDS folded words), each weighted by the line it comes
 * from, so boilerplate lines an outlet adds barely count. A text shorter than one shingle gives
 * one shorter shingle.
 */
export function weightedShingles(text: string): WeightedShingle[] {
  const { words, weights } = weightedWords(text);
  if (words.length === 0) return [];
  if (words.length < SHINGLE_WORDS)
    return [{ shingle: words.join(' '), weight: Math.min(...weights), position: 0 }];
  const shingles: WeightedShingle[] = [];
  for (let start = 0; start + SHINGLE_WORDS <= words.length; start++) {
    let shingle = words[start]!;
    let weight = weights[start]!;
    for (let next = start + 1; next < start + SHINGLE_WORDS; next++) {
      shingle += ` ${words[next]!}`;
      weight = Math.min(weight, weights[next]!);
    }
    shingles.push({ shingle, weight, position: start });
  }
  return shingles;
}
