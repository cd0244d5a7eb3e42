// The scraped-text scores, as ../shared/corpora/README.md defines them for synthetic-dev: body
// shingle F1, paragraph-name precision/recall/F1 summed over cases, title exact, `truncated`
// exact, and no boilerplate line left in the text. Shared by bench/scraped-text.ts and the corpus
// test, so both report the same figures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type PageScore, scoreCorpus, scorePage } from './extraction-score.js';

/** A paragraph is named by its first this many non-whitespace characters. */
export const PARAGRAPH_NAME_CHARS = 40;

export interface ScrapedCase {
  id: string;
  input: string;
  expected: {
    title: string;
    paragraphs: string[];
    truncated: boolean;
    boilerplate: string[];
  };
}

/** What a normalizer returned for one case: the fields the scores read. */
export interface ScrapedPrediction {
  title: string | null;
  paragraphs: readonly string[];
  truncated: boolean;
  text: string;
}

export interface ScrapedScores {
  cases: number;
  bodyF1: number;
  paragraphPrecision: number;
  paragraphRecall: number;
  paragraphF1: number;
  titleExact: number;
  truncationRight: number;
  /** Cases with at least one boilerplate line left in the text. */
  boilerplateLeft: number;
}

/** The synthetic cases in a directory, sorted by id; empty when the directory is absent. */
export function loadScrapedCases(directory: string): ScrapedCase[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const json = JSON.parse(readFileSync(path.join(directory, name), 'utf8')) as {
        expected: ScrapedCase['expected'];
      };
      const id = name.slice(0, -'.json'.length);
      return { id, input: readFileSync(path.join(directory, `${id}.txt`), 'utf8'), expected: json.expected };
    });
}

/**
 * The two folds of a 2-fold cross-validation: cases alternate by their position in id order, so
 * the split is deterministic and does not depend on how the ids happen to start.
 */
export function twoFolds<T>(cases: readonly T[]): [T[], T[]] {
  return [cases.filter((_, index) => index % 2 === 0), cases.filter((_, index) => index % 2 === 1)];
}

export function paragraphName(paragraph: string): string {
  return paragraph.replace(/\s+/gu, '').slice(0, PARAGRAPH_NAME_CHARS);
}

function nameSet(paragraphs: readonly string[]): Set<string> {
  return new Set(paragraphs.map(paragraphName).filter((name) => name !== ''));
}

export interface CaseResult {
  id: string;
  body: PageScore;
  /** Paragraph names predicted, true, and shared. */
  predictedNames: number;
  trueNames: number;
  sharedNames: number;
  titleRight: boolean;
  truncationRight: boolean;
  boilerplateLeft: string[];
}

export function scoreCase(testCase: ScrapedCase, prediction: ScrapedPrediction): CaseResult {
  const { expected } = testCase;
  const predicted = nameSet(prediction.paragraphs);
  const truth = nameSet(expected.paragraphs);
  let shared = 0;
  for (const name of predicted) if (truth.has(name)) shared++;
  const lines = new Set(prediction.text.split('\n').map((line) => line.trim()));
  return {
    id: testCase.id,
    body: scorePage(prediction.paragraphs.join('\n\n'), expected.paragraphs.join('\n\n')),
    predictedNames: predicted.size,
    trueNames: truth.size,
    sharedNames: shared,
    titleRight: prediction.title === expected.title,
    truncationRight: prediction.truncated === expected.truncated,
    boilerplateLeft: expected.boilerplate.filter((line) => lines.has(line.trim())),
  };
}

export function summarize(results: readonly CaseResult[]): ScrapedScores {
  const sum = (pick: (result: CaseResult) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  const shared = sum((result) => result.sharedNames);
  const precision =
    shared /
    Math.max(
      1,
      sum((result) => result.predictedNames),
    );
  const recall =
    shared /
    Math.max(
      1,
      sum((result) => result.trueNames),
    );
  return {
    cases: results.length,
    bodyF1: scoreCorpus(results.map((result) => result.body)).f1,
    paragraphPrecision: precision,
    paragraphRecall: recall,
    paragraphF1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    titleExact: sum((result) => (result.titleRight ? 1 : 0)),
    truncationRight: sum((result) => (result.truncationRight ? 1 : 0)),
    boilerplateLeft: sum((result) => (result.boilerplateLeft.length > 0 ? 1 : 0)),
  };
}
