/**
 * The storage boundary's URL rule: only http(s) is stored, whatever a feed or page named
 * (`javascript:` in og:image, a `data:` canonical link). The parser applies it too; this is the
 * last line, so a path it misses still stores nothing unsafe.
 */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}
