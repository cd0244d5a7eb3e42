import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the built CLI (`dist/main.js`) with only the given environment on top of PATH/HOME. */
export function startCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return startCli(args, env).done;
}

/** The JSON log lines of a run. */
export function logLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Bounds for whole CLI processes on a 2-core machine running other suites at once (load 10-20 in CI):
 * there an HTTP exchange or a SIGTERM drain takes seconds, not milliseconds. Tests of CLI processes
 * are not about a timeout firing, so the harness's short ones (meant to end hanging servers fast)
 * would only make them flaky: they run with these instead.
 */
export const CLI_NETWORK_TIMEOUT_MS = 30_000;
export const CLI_SHUTDOWN_TIMEOUT_MS = 30_000;
export const CLI_TIMEOUTS_ENV: Record<string, string> = {
  WORKER_CONNECT_TIMEOUT_MS: String(CLI_NETWORK_TIMEOUT_MS),
  WORKER_REQUEST_TIMEOUT_MS: String(CLI_NETWORK_TIMEOUT_MS),
  WORKER_SHUTDOWN_TIMEOUT_MS: String(CLI_SHUTDOWN_TIMEOUT_MS),
};
/** Per test: a test runs up to five CLI processes, each loading the parser (jsdom, Readability). */
export const CLI_TEST_TIMEOUT_MS = 180_000;

/** How long waitFor polls by default: a CLI process starting on a loaded 2-core machine takes tens of seconds. */
export const WAIT_FOR_TIMEOUT_MS = 120_000;

/** Polls `probe` until it returns a value (a rejection counts as not yet). */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined>,
  timeoutMs = WAIT_FOR_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
