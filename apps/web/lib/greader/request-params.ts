// A Google Reader request's parameters: clients put them in the query string, in a form body, or
// both, and repeat names (`i=…&i=…`). The body is read up to a bound so a huge post cannot exhaust memory.

/** Largest form body read from one request. */
export const MAX_GREADER_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
  constructor() {
    super(`request body larger than ${MAX_GREADER_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export async function readParams(request: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(request.url).search);
  if (request.method !== 'POST' || !request.body) return params;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_GREADER_BODY_BYTES) throw new BodyTooLargeError();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_GREADER_BODY_BYTES) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  for (const [name, value] of body) params.append(name, value);
  return params;
}
