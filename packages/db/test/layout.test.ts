import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type Floors,
  findCycle,
  type ImportGraph,
  layoutViolations,
  readImportGraph,
  relativeSpecifiers,
} from './helpers/import-graph.js';

// packages/db/src is arranged by concern, one folder a room; a room imports only rooms on lower
// floors. A new folder or root file must be placed here on purpose, else the test fails.
const SRC_FLOORS: Floors = [
  ['types.ts', 'errors.ts'],
  ['schema/'],
  ['sql/'],
  // Story membership and summaries: what listing, search and ingest build on.
  ['stories/'],
  ['search/', 'ingest/'],
  // One module per entity, composed of the mechanisms below.
  ['entities/'],
  ['readers/', 'engines/'],
  ['migrate.ts'],
  ['create-db.ts'],
  ['index.ts', 'cli/'],
];

const SRC = fileURLToPath(new URL('../src', import.meta.url));

describe('the import checks', () => {
  const floors: Floors = [['low/'], ['high/', 'side/']];

  it('read static, type-only, re-export and dynamic imports, and no package names', () => {
    const source = `import type { A } from './a.js';\nexport { b } from "../b.js";\nimport './c.js';
      const d = await import('./d.js');\nimport { sql } from 'kysely';`;
    expect(relativeSpecifiers(source)).toEqual(['./a.js', '../b.js', './c.js', './d.js']);
  });

  it('report an arrow up, an arrow across and a file on no floor', () => {
    const graph: ImportGraph = new Map([
      ['low/a.ts', ['high/b.ts']],
      ['high/b.ts', ['low/a.ts', 'high/c.ts', 'side/d.ts']],
      ['high/c.ts', []],
      ['side/d.ts', []],
      ['stray.ts', []],
    ]);
    expect(layoutViolations(graph, floors)).toEqual([
      'low/a.ts (low/) imports high/b.ts (high/): up',
      'high/b.ts (high/) imports side/d.ts (side/): across',
      'stray.ts is on no floor',
    ]);
  });

  it('find a loop, type-only imports included', () => {
    const graph: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(findCycle(graph)).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
    expect(
      findCycle(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toBeNull();
  });
});

describe('packages/db/src', () => {
  const graph = readImportGraph(SRC);

  it('imports only downward: every file on a floor, no arrow up or across', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(layoutViolations(graph, SRC_FLOORS)).toEqual([]);
  });

  it('has no import loops', () => {
    expect(findCycle(graph)).toBeNull();
  });
});
