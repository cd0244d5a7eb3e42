// Author lines as content farms print them: "By Jane Doe", "Written by Jane Doe | AFP",
// "Von Max Mustermann", "Par Jean Dupont, envoyé spécial", "Author: Jane Doe".

const BYLINE =
  /^(?:by|written by|words by|story by|reporting by|author|authors|von|par|por|di|door|автор)\s*[:：]?\s+(.+)$/iu;
/** A name: capitalised words, with particles ("de", "van", "bin") and initials allowed. */
const NAME_WORD = "(?:\\p{Lu}[\\p{L}.'’-]*|de|da|van|von|der|den|la|le|bin|al|el|dos|du|di)";
const NAME = `${NAME_WORD}(?:\\s+${NAME_WORD}){0,5}`;
const NAME_LIST = new RegExp(`^${NAME}(?:\\s*(?:,|&|and|und|et|y|e|en|и)\\s+${NAME})*$`, 'u');
const MAX_BYLINE_WORDS = 14;
/** What may follow the names after a comma, pipe or dash: a role, an agency, a place. */
const CREDIT_SEPARATOR = /\s*(?:[,|•·]|\s[-–—]\s)\s*/u;

/** The author names a byline line gives ("Jane Doe and John Roe"), or null if it is not one. */
export function parseByline(line: string): string | null {
  const trimmed = line.trim();
  if (trimmed.split(/\s+/).length > MAX_BYLINE_WORDS) return null;
  const match = BYLINE.exec(trimmed);
  if (!match) return null;
  const [names] = match[1]!.split(CREDIT_SEPARATOR);
  const candidate = names?.trim().replace(/[.;:]+$/u, '');
  return candidate && NAME_LIST.test(candidate) ? candidate : null;
}
