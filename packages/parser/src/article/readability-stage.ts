import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';

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

/** Runs Readability on already-cleaned HTML; null when it finds no article. */
export function runReadability(html: string, url: string): ReadabilityResult | null {
  const dom = new JSDOM(html, { url: /^https?:/i.test(url) ? url : undefined });
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
