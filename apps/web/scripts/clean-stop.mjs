#!/usr/bin/env node
// Runs a server command (`next start`) and reports a stop asked for by SIGINT or SIGTERM (Ctrl-C,
// systemd, turbo) as exit 0: Next exits 130/143 then, which a supervisor or script runner counts as
// a failure. Any other exit, a crash included, keeps its code. (pnpm itself still prints
// "[ELIFECYCLE] Command failed" when the signal reaches it too, whatever the exit code.)
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('Usage: clean-stop.mjs COMMAND [ARGS...]\n');
  process.exit(2);
}
const child = spawn(command, args, { stdio: 'inherit' });
let stopRequested = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopRequested = true;
    // A terminal's Ctrl-C reaches the child too; a signal sent to this process alone must be passed on.
    child.kill(signal);
  });
}
child.on('error', (error) => {
  process.stderr.write(`${command}: ${error.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  const stoppedBySignal = signal === 'SIGINT' || signal === 'SIGTERM' || code === 130 || code === 143;
  process.exit(stopRequested && stoppedBySignal ? 0 : (code ?? 1));
});
