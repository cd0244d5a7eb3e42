import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../deps/parser.js';
import { type FetchedArticle, keptFields } from '../pipeline/full-text.js';
import { type ParseOutcome, parseStage } from '../pipeline/parse-stage.js';
import { deriveTextFields, type TextFields } from '../pipeline/sign-item.js';
import type { ParseTask, ThreadReply } from './protocol.js';
import { ResultTooLargeError, textSizeUpTo } from './result-size.js';

// The body of a parse thread: runs one task at a time for the pool (parse-pool.ts), in a heap of
// its own, so a feed or page that exhausts memory or never ends takes this thread down, not the worker.

/** Below this, any result is small enough whatever the body's size. */
const MIN_RESULT_LIMIT_CHARS = 1024 * 1024;

async function run(task: ParseTask): Promise<ParseOutcome | FetchedArticle | TextFields | null> {
  // Signing's output is bounded by its input, which came through here already.
  if (task.kind === 'sign') {
    const { item, article, feedLanguage } = task.signing!;
    return deriveTextFields(item, article, feedLanguage);
  }
  const result = await parse(task);
  // The result is copied into the worker's own heap: one that outgrew its input many times over
  // (entity expansion) must not travel there.
  const limit = Math.max(MIN_RESULT_LIMIT_CHARS, task.body.byteLength * task.maxExpansion);
  if (textSizeUpTo(result, limit) > limit)
    throw new ResultTooLargeError(task.url, task.body.byteLength, limit);
  return result;
}

async function parse(task: ParseTask): Promise<ParseOutcome | FetchedArticle | null> {
  const body = Buffer.from(task.body.buffer, task.body.byteOffset, task.body.byteLength);
  if (task.kind === 'feed') {
    return parseStage({ url: task.url, headers: task.headers, body }, task.timeZone);
  }
  const article = await extractArticle(body, {
    url: task.url,
    ...(task.headers['content-type'] ? { contentType: task.headers['content-type'] } : {}),
  });
  return article ? keptFields(article) : null;
}

parentPort?.on('message', (task: ParseTask) => {
  run(task).then(
    (value) => parentPort?.postMessage({ id: task.id, ok: true, value } satisfies ThreadReply),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      parentPort?.postMessage({ id: task.id, ok: false, error: { name, message } } satisfies ThreadReply);
    },
  );
});

// Loaded: the pool starts its clock for a task only now, so a slow start is not counted against it.
parentPort?.postMessage({ ready: true } satisfies ThreadReply);
