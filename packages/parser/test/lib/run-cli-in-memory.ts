import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';

/** Runs the parser CLI in this process with in-memory streams; returns its exit code and output. */
export async function runCliInMemory(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough() });
  return { code, stdout: out, stderr: err };
}
