import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../deps/parser.js';
import { type FetchedArticle, keptFields } from '../pipeline/full-text.js';
import { type ParseOutcome, parseStage } from '../pipeline/parse-stage.js';
import type { ParseTask, ThreadReply } from './protocol.js';

// The body of a parse thread: runs one task at a time for the pool (parse-pool.ts), in a heap of
// its own, so a feed or page that exhausts memory or never ends takes this thread down, not the worker.

async function run(task: ParseTask): Promise<ParseOutcome | FetchedArticle | null> {
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
