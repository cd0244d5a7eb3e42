// The dev clustering corpus: Google News headlines with the story Google grouped each into.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED_DIR } from './corpus-dir.js';

export interface Headline {
  id: number;
  title: string;
  url: string;
  publisher: string;
  category: string;
  story: string;
  hostname: string;
  timestamp: number;
}

export const HEADLINES_CSV = path.join(SHARED_DIR, 'corpora/clustering/google-news-dev.csv');

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export function loadHeadlines(file = HEADLINES_CSV): Headline[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const column = (name: string) => {
    const index = header?.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`${file}: no column ${name}`);
    return index;
  };
  const at = {
    id: column('ID'),
    title: column('TITLE'),
    url: column('URL'),
    publisher: column('PUBLISHER'),
    category: column('CATEGORY'),
    story: column('STORY'),
    hostname: column('HOSTNAME'),
    timestamp: column('TIMESTAMP'),
  };
  return rows.map((row) => ({
    id: Number(row[at.id]),
    title: row[at.title] ?? '',
    url: row[at.url] ?? '',
    publisher: row[at.publisher] ?? '',
    category: row[at.category] ?? '',
    story: row[at.story] ?? '',
    hostname: row[at.hostname] ?? '',
    timestamp: Number(row[at.timestamp]),
  }));
}
