import type { Readable, Writable } from 'node:stream';

/** The streams a CLI run talks to; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

/** One sub-command: `newsfeed-parser <name> FILE... [--flag value]`. */
export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Flags that take a value (`--url URL`). */
  valueFlags: readonly string[];
  run(files: string[], flags: Map<string, string>, io: CliIo): Promise<number>;
}
