// CPU time the PostgreSQL server spends for one database: its backends' user + system time, read
// from /proc (Linux, server on this machine). Backends end with their client's connection, so they
// are sampled every `SAMPLE_MS` and each one's last reading counts; a backend's final moments after
// its last sample are missed (at most SAMPLE_MS of CPU each, a few per worker process). Other
// databases on the same server (other people's tests) are not counted.
import { readFileSync } from 'node:fs';
import type { NewsfeedDb } from '@newsfeed/db';

const SAMPLE_MS = 200;
/** USER_HZ: the unit of utime/stime in /proc/PID/stat on Linux. */
const CLOCK_TICKS_PER_SECOND = 100;

/** A process's user + system CPU milliseconds so far (10 ms steps), or null when /proc cannot say. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export class PostgresCpuMeter {
  private readonly lastByPid = new Map<number, number>();
  /** Readings at start(): backends alive then count from there on, not from their start. */
  private baseline = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  /** `db` is a connection to the measured database itself; its own backend is not counted. */
  constructor(private readonly db: NewsfeedDb) {}

  async start(): Promise<void> {
    this.lastByPid.clear();
    const activity = this.db.context.kysely.withTables<{
      pg_stat_activity: { pid: number; datname: string | null };
    }>();
    const sample = async () => {
      const rows = await activity
        .selectFrom('pg_stat_activity')
        .select('pid')
        .where('datname', '=', (eb) => eb.fn<string>('current_database', []))
        .where('pid', '<>', (eb) => eb.fn<number>('pg_backend_pid', []))
        .execute();
      for (const { pid } of rows) {
        const ms = cpuMsOf(pid);
        // A backend that ended since pg_stat_activity listed it keeps its last reading.
        if (ms !== null) this.lastByPid.set(pid, Math.max(ms, this.lastByPid.get(pid) ?? 0));
      }
    };
    await sample();
    this.baseline = new Map(this.lastByPid);
    this.timer = setInterval(() => void sample().catch(() => undefined), SAMPLE_MS);
  }

  /** Milliseconds of server CPU since start(), or null when /proc could not be read. */
  async stop(): Promise<number | null> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // No backend's /proc entry could be read: the server is elsewhere (or another user's).
    if (this.lastByPid.size === 0) return null;
    let total = 0;
    for (const [pid, ms] of this.lastByPid) total += ms - (this.baseline.get(pid) ?? 0);
    return Math.round(total);
  }
}
