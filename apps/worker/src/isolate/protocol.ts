import type { ParsedItem } from '../deps/parser.js';
import type { FetchedArticle } from '../pipeline/full-text.js';
// Messages between the parse pool and its threads.

export interface ParseTask {
  id: number;
  /** feed: parseStage; article: extractArticle; sign: deriveTextFields of `signing`. */
  kind: 'feed' | 'article' | 'sign';
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Zone of feed dates written without one (feeds only). */
  timeZone: string;
  /** A result with more characters of text than this many times the body's bytes is refused. */
  maxExpansion: number;
  /** What `sign` reads (sign tasks only; their body is empty). */
  signing?: SigningInput;
}

export interface SigningInput {
  item: ParsedItem;
  article: FetchedArticle | null;
  feedLanguage: string | null;
}

export type ThreadReply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };
