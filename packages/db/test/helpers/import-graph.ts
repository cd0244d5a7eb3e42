import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The relative imports between a folder's TypeScript files, read from the files' text, and the two
// checks the package's layout rests on: every arrow points to a lower floor, and no file imports
// itself through others.

/** File (path relative to the root, `/`-separated) -> the files it imports. */
export type ImportGraph = Map<string, string[]>;

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, type-only ones included.
const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

export function relativeSpecifiers(source: string): string[] {
  return [...source.matchAll(RELATIVE_SPECIFIER)].map((match) => match[1]!);
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Reads every `.ts` file under `root`; an import naming a file that does not exist is an error. */
export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of typeScriptFiles(root).sort()) {
    const targets = relativeSpecifiers(readFileSync(file, 'utf8')).map((specifier) => {
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      if (!existsSync(target)) throw new Error(`${relative(root, file)} imports ${specifier}: no such file`);
      return relative(root, target).split('\\').join('/');
    });
    graph.set(relative(root, file).split('\\').join('/'), targets);
  }
  return graph;
}

/**
 * Floors from the ground up; each floor lists its rooms, a file (`types.ts`) or a folder
 * (`search/`). A file lives in the room with the longest matching path.
 */
export type Floors = readonly (readonly string[])[];

function roomOf(file: string, floors: Floors): { room: string; floor: number } | null {
  let best: { room: string; floor: number } | null = null;
  floors.forEach((rooms, floor) => {
    for (const room of rooms) {
      const holds = room.endsWith('/') ? file.startsWith(room) : file === room;
      if (holds && (!best || room.length > best.room.length)) best = { room, floor };
    }
  });
  return best;
}

/** Every file on no floor, and every arrow that runs up, or across to another room of its floor. */
export function layoutViolations(graph: ImportGraph, floors: Floors): string[] {
  const violations: string[] = [];
  for (const [file, targets] of graph) {
    const from = roomOf(file, floors);
    if (!from) {
      violations.push(`${file} is on no floor`);
      continue;
    }
    for (const target of targets) {
      const to = roomOf(target, floors);
      if (!to || to.room === from.room || to.floor < from.floor) continue;
      const way = to.floor === from.floor ? 'across' : 'up';
      violations.push(`${file} (${from.room}) imports ${target} (${to.room}): ${way}`);
    }
  }
  return violations;
}

/** One loop of imports, as the files along it (the first repeated at the end), or null if none. */
export function findCycle(graph: ImportGraph): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): string[] | null => {
    if (onPath.has(file)) return [...path.slice(path.indexOf(file)), file];
    if (done.has(file)) return null;
    path.push(file);
    onPath.add(file);
    for (const target of graph.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}
