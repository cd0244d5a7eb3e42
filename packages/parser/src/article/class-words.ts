// How a class or id is read against the discard lists' words: split at "-" and "_", a listed word
// (or two-word phrase) counts when it is the whole token or begins or ends it ("share-bar",
// "social-share"), not in the middle, where page builders put namespaces ("et_pb_comments_module").

/** Compiles a word list into a test of a `class` + `id` string. */
export function classWordMatcher(
  words: readonly string[],
  wholeTokenOnly: readonly string[] = [],
): (names: string) => boolean {
  const listed = new Set(words.map((word) => word.toLowerCase()));
  const wholeOnly = new Set(wholeTokenOnly.map((word) => word.toLowerCase()));
  const isListed = (parts: readonly string[]) =>
    listed.has(parts.join('-')) || listed.has(parts.join('_')) || listed.has(parts.join(''));
  return (names) => {
    for (const token of names.toLowerCase().split(/\s+/)) {
      if (token === '') continue;
      if (listed.has(token)) return true;
      const parts = token.split(/[-_]+/).filter(Boolean);
      if (parts.length < 2) continue;
      for (const size of [1, 2]) {
        if (size >= parts.length) break;
        for (const edge of [parts.slice(0, size), parts.slice(-size)])
          if (isListed(edge) && !wholeOnly.has(edge.join('-'))) return true;
      }
    }
    return false;
  };
}
