import type { Readable, Writable } from 'node:stream';

/** The streams a CLI run talks to; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

/** What a sub-command does with its files and flags; returns the exit code. */
export type CommandRun = (files: string[], flags: Map<string, string>, io: CliIo) => Promise<number>;

/** One sub-command: `newsfeed-parser <name> FILE... [--flag value]`. */
export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Flags that take a value (`--url URL`). */
  valueFlags: readonly string[];
  /** Imports the command's module on use, so `feed` never loads what `article` needs. */
  load(): Promise<CommandRun>;
}
