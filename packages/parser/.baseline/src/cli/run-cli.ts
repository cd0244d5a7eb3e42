import type { CliIo } from './cli-io.js';
import { COMMANDS } from './commands.js';
import { CliUsageError, parseArgs } from './parse-args.js';

function usage(): string {
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(8)} ${command.summary}`);
  return ['Usage: newsfeed-parser <command> FILE... [options]   (- reads stdin)', '', 'Commands:', ...lines, ''].join(
    '\n',
  );
}

/** Runs one CLI invocation and returns its exit code (0 ok, 1 an input failed, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`Unknown command ${JSON.stringify(name)}\n${usage()}`);
    return 2;
  }
  try {
    const { files, flags } = parseArgs(rest, command.valueFlags);
    if (files.length === 0) throw new CliUsageError(`${name}: no input files (use - for stdin)`);
    return await command.run(files, flags, io);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr.write(`${error.message}\n${usage()}`);
    return 2;
  }
}
