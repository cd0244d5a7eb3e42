/**
 * Characters of text in a parse result (every string, keys included), counted up to `limit`: the
 * walk stops as soon as it passes it, so a huge result costs no more than the limit to judge.
 */
export function textSizeUpTo(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const next = stack.pop();
    if (typeof next === 'string') total += next.length;
    else if (Array.isArray(next)) stack.push(...next);
    else if (next !== null && typeof next === 'object') {
      for (const [key, entry] of Object.entries(next)) {
        total += key.length;
        stack.push(entry);
      }
    }
  }
  return total;
}

/** A parse result far larger than its input (entity expansion): refused before it leaves the thread. */
export class ResultTooLargeError extends Error {
  constructor(
    readonly url: string,
    bodyBytes: number,
    limit: number,
  ) {
    super(
      `Parsing ${bodyBytes} bytes of ${url} gave more than ${limit} characters of text (WORKER_PARSE_MAX_EXPANSION times the body, at least 1 MiB)`,
    );
    this.name = 'ResultTooLargeError';
  }
}
