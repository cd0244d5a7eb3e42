/** Where progress goes: a redrawn bar on a terminal, a plain line every ~5 % otherwise (logs, CI). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 30;
const PLAIN_STEPS = 20;

export class Progress {
  private lastPlainStep = -1;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly stream: ProgressStream = process.stderr,
  ) {}

  update(done: number, total: number, detail = ''): void {
    const safeTotal = Math.max(total, done, 1);
    const ratio = done / safeTotal;
    if (this.stream.isTTY) {
      const filled = Math.round(ratio * BAR_WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
      const line = `${this.label} ${bar} ${done}/${safeTotal} ${detail}`;
      const width = this.stream.columns ?? 100;
      this.stream.write(`\r${line.slice(0, width - 1).padEnd(width - 1)}`);
      this.drawn = true;
      return;
    }
    const step = Math.floor(ratio * PLAIN_STEPS);
    if (step === this.lastPlainStep) return;
    this.lastPlainStep = step;
    this.stream.write(
      `${this.label}: ${done}/${safeTotal} (${Math.round(ratio * 100)}%)${detail ? ` ${detail}` : ''}\n`,
    );
  }

  /** A line about a step before the counting starts (e.g. what it waits for). */
  note(text: string): void {
    this.stream.write(`${this.label}: ${text}\n`);
  }

  finish(summary: string): void {
    if (this.drawn) this.stream.write('\n');
    this.stream.write(`${this.label}: ${summary}\n`);
  }
}
