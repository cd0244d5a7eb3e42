import type { CliIo } from './cli-io.js';
import { COMMANDS } from './commands.js';
import { packageVersion } from './package-version.js';
import { CliUsageError, parseArgs } from './parse-args.js';

function usage(): string {
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(8)} ${command.summary}`);
  return [
    'Usage: newsfeed-parser <command> FILE... [options]   (- reads stdin)',
    '       newsfeed-parser --help | --version',
    '',
    'Commands:',
    ...lines,
    '',
  ].join('\n');
}

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-v']);

/** Runs one CLI invocation and returns its exit code (0 ok, 1 an input failed, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.stderr.write(usage());
    return 2;
  }
  if (HELP_FLAGS.has(name)) {
    io.stdout.write(usage());
    return 0;
  }
  if (VERSION_FLAGS.has(name)) {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`Unknown command ${JSON.stringify(name)}\n${usage()}`);
    return 2;
  }
  if (rest.some((arg) => HELP_FLAGS.has(arg))) {
    io.stdout.write(`newsfeed-parser ${command.name}: ${command.summary}\n`);
    return 0;
  }
  try {
    const { files, flags } = parseArgs(rest, command.valueFlags);
    if (files.length === 0) throw new CliUsageError(`${name}: no input files (use - for stdin)`);
    const run = await command.load();
    return await run(files, flags, io);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr.write(`${error.message}\n${usage()}`);
    return 2;
  }
}
