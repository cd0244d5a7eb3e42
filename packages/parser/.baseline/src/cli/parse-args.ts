export interface ParsedArgs {
  files: string[];
  flags: Map<string, string>;
}

export class CliUsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Splits `FILE... --flag value --flag=value` into files and flags; `-` is stdin, a file. */
export function parseArgs(argv: readonly string[], valueFlags: readonly string[]): ParsedArgs {
  const files: string[] = [];
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      files.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [name, inlineValue] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!valueFlags.includes(name)) throw new CliUsageError(`Unknown option --${name}`);
    const value = inlineValue ?? argv[++index];
    if (value === undefined) throw new CliUsageError(`Option --${name} needs a value`);
    flags.set(name, value);
  }
  return { files, flags };
}
