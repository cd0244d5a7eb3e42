import type { JSDOM } from 'jsdom';
import { domLibraries } from './dom-libraries.js';

/** Readability's tuning, named so the trade-offs are visible. */
export const READABILITY_OPTIONS = {
  /** Minimum characters for Readability to accept its first pass (its default). */
  charThreshold: 500,
  /** Candidates compared when choosing the article's top node (its default). */
  nbTopCandidates: 5,
} as const;

export interface ReadabilityResult {
  /** The chosen article subtree, in its own jsdom document. */
  content: HTMLElement;
  title: string | null;
  excerpt: string | null;
  byline: string | null;
}

/**
 * Runs Readability on already-cleaned HTML and hands the result (null when it finds no article)
 * to `use`; the jsdom window is closed afterwards, so nothing may keep the content's nodes.
 */
export function withReadability<T>(
  html: string,
  url: string,
  use: (result: ReadabilityResult | null) => T,
): T {
  const { JSDOM } = domLibraries();
  const dom = new JSDOM(html, { url: /^https?:/i.test(url) ? url : undefined });
  try {
    return use(parseArticle(dom));
  } finally {
    dom.window.close();
  }
}

function parseArticle(dom: JSDOM): ReadabilityResult | null {
  const { Readability } = domLibraries();
  const reader = new Readability<HTMLElement>(dom.window.document, {
    ...READABILITY_OPTIONS,
    // Class names feed the post-cleaning (captions, credits); the sanitizer drops them later.
    keepClasses: true,
    // We read metadata ourselves, from the raw page, before cleaning removed its scripts.
    disableJSONLD: true,
    serializer: (node) => node as HTMLElement,
  });
  const parsed = reader.parse();
  if (!parsed?.content) return null;
  return {
    content: parsed.content,
    title: parsed.title ?? null,
    excerpt: parsed.excerpt ?? null,
    byline: parsed.byline ?? null,
  };
}
