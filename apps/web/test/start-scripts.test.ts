import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The scripts a person starts the app with: no telemetry notice, and Ctrl-C is a clean stop (exit
// 0), not "[ELIFECYCLE] Command failed".

const CLEAN_STOP = fileURLToPath(new URL('../scripts/clean-stop.mjs', import.meta.url));
const SCRIPTS = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** A server that, like `next start`, exits 130 on SIGINT and 143 on SIGTERM. */
const NEXT_LIKE = `process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
setInterval(() => {}, 1000);
console.log('ready');`;

function runWrapped(code: string, signal: NodeJS.Signals | null): Promise<number | null> {
  const child = spawn(process.execPath, [CLEAN_STOP, process.execPath, '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    if (signal && chunk.toString().includes('ready')) child.kill(signal);
  });
  return new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
}

describe('start scripts', () => {
  it('turn Next.js telemetry off in every script that runs next', () => {
    const withNext = Object.entries(SCRIPTS).filter(([, command]) =>
      /\bnext (start|build|dev)\b|\bserver\.mjs\b/.test(command),
    );
    expect(withNext.map(([name]) => name).sort()).toEqual(['build', 'dev', 'start']);
    for (const [, command] of withNext) expect(command).toMatch(/^NEXT_TELEMETRY_DISABLED=1 /);
  });

  it('run the server (server.mjs, Next.js with the page cache in front) through clean-stop', () => {
    expect(SCRIPTS.start).toContain('node scripts/clean-stop.mjs node server.mjs');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('report a %s stop as exit 0', async (signal) => {
    expect(await runWrapped(NEXT_LIKE, signal)).toBe(0);
  });

  it('keep the exit code of a server that fails by itself', async () => {
    expect(await runWrapped('process.exit(3)', null)).toBe(3);
    expect(await runWrapped('process.kill(process.pid, "SIGINT"); setTimeout(() => {}, 5000)', null)).toBe(1);
  });
});
