/** `values` in consecutive slices of at most `size`: for statements that bind a bounded list. */
export function batches<T>(values: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < values.length; start += size) slices.push(values.slice(start, start + size));
  return slices;
}
