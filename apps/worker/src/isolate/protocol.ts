// Messages between the parse pool and its threads.

export interface ParseTask {
  id: number;
  kind: 'feed' | 'article';
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Zone of feed dates written without one (feeds only). */
  timeZone: string;
}

export type ThreadReply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };
