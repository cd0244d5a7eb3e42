// Which body encoding a kept page answered by answer.ts gets: the one Next.js's own compression
// (the `compression` middleware: gzip first, then deflate; brotli only when asked for above gzip)
// would choose, so a reader sees the same response whichever of the two answered.

/** Bodies smaller than this are sent as they are, as Next.js's compression does. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

function weights(acceptEncoding: string): Map<string, number> {
  const weight = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    if (token) weight.set(token.trim(), Number.isFinite(value) ? value : 0);
  }
  return weight;
}

/**
 * 'gzip' or 'identity' for a body of `bytes` bytes, or null when Next.js would choose another
 * encoding (the request is then left to it).
 */
export function keptPageEncoding(
  acceptEncoding: string | undefined,
  bytes: number,
): 'gzip' | 'identity' | null {
  if (acceptEncoding === undefined || acceptEncoding.trim() === '') return 'identity';
  const weight = weights(acceptEncoding);
  const of = (name: string) => weight.get(name) ?? weight.get('*') ?? 0;
  const gzip = of('gzip');
  if (gzip <= 0 || gzip < of('br') || gzip < of('deflate')) return null;
  return bytes < COMPRESSION_THRESHOLD_BYTES ? 'identity' : 'gzip';
}
