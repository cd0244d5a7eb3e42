import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * How to start a thread whose script sits beside `callerUrl` (an `import.meta.url`): the compiled
 * `${name}.js`, or from sources (tests, tsx) the TypeScript one loaded through tsx, which a thread
 * does not inherit from its parent.
 */
export function threadEntry(
  callerUrl: string,
  name: string,
): { script: string | URL; options: WorkerOptions } {
  if (!callerUrl.endsWith('.ts')) return { script: new URL(`./${name}.js`, callerUrl), options: {} };
  const tsxRoot = dirname(createRequire(callerUrl).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const target = new URL(`./${name}.ts`, callerUrl).href;
  return {
    script: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); })`,
    options: { eval: true },
  };
}
