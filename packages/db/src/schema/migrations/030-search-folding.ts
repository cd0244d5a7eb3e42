import type { Migration } from './migration.js';

// Search folds ß to ss, accents and case on both sides (search-fold.ts). PostgreSQL's 'simple'
// configuration only lower-cases: the indexed text now goes through nf_search_fold, foldText's steps
// in SQL (NFKD, the combining diacritics removed, lower case, ß and ẞ as ss). A generated column's
// expression cannot be altered before PostgreSQL 17: the column and its two indexes are rebuilt.
// SQLite's tokenizer already folds accents and case; the ß/ss pairs are asked both ways at query time,
// and the prefix vocabulary gains each ß word's ss spelling (new words are stored folded).

export const searchFolding: Migration = {
  version: 30,
  name: 'search folds ß/ss, accents and case alike',
  sqlite: [
    `INSERT OR IGNORE INTO search_terms (term)
      SELECT replace(term, 'ß', 'ss') FROM search_terms WHERE term LIKE '%ß%'`,
  ],
  postgres: [
    `CREATE FUNCTION nf_search_fold(input text) RETURNS text
      IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
        SELECT replace(replace(lower(regexp_replace(normalize(input, NFKD),
          '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]+', '', 'g')),
          'ß', 'ss'), 'ẞ', 'ss')
      $$`,
    `ALTER TABLE items DROP COLUMN search_vector`,
    `ALTER TABLE items ADD COLUMN search_vector TSVECTOR GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', nf_search_fold(title)), 'A') ||
      setweight(to_tsvector('simple', nf_search_fold(left(coalesce(content_text, ''), 200000))), 'B')
    ) STORED`,
    `CREATE INDEX items_search ON items USING GIN (search_vector)`,
    `CREATE INDEX items_search_pairs ON items USING GIN (nf_word_pairs(search_vector))`,
  ],
};
