import { readFileSync } from 'node:fs';

// CPU time a process (and the processes it started) has used, from /proc (Linux). On a machine
// shared with other work, requests per CPU-second of the server is steadier than requests per
// wall-clock second: it does not count the time the server waited for a core.

/** Linux reports utime/stime in clock ticks of 1/100 s (USER_HZ; `getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** User + system CPU seconds of pid and its descendants, or null where /proc is not available. */
export function cpuSecondsOfTree(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which may hold spaces) start at state: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  for (const child of children(pid)) seconds += cpuSecondsOfTree(child) ?? 0;
  return seconds;
}
