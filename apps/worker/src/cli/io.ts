/** What a command may touch besides its database: its output and the process's stop signals. */
export interface CommandIo {
  out: (line: string) => void;
  /** Warnings and failures, for a person: stderr. */
  err: (line: string) => void;
  /** Registers what to do on SIGTERM/SIGINT; returns a function that unregisters it. */
  onSignal: (handler: (signal: string) => void) => () => void;
}

export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
