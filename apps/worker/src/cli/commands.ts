import type { WorkerConfig } from '../env.js';
import type { Logger } from '../observe/logger.js';
import { addFeed } from './add.js';
import { backupCommand, restoreCommand } from './backup.js';
import { exportFeeds } from './export.js';
import { importFile } from './import.js';
import { type CommandIo, UsageError } from './io.js';
import { listFeeds } from './list.js';
import { pollOnce } from './once.js';
import { recluster } from './recluster.js';
import { runForever } from './run.js';
import { printStats } from './stats.js';
import { runUserCommand } from './user.js';

export { type CommandIo, UsageError } from './io.js';

export const USAGE = `Usage: newsfeed-worker <command>
  run               poll due feeds forever (SIGTERM/SIGINT stop it cleanly)
  once              poll every due feed once, cluster what it wrote, then exit (for cron)
  recluster [--since 72h]  rebuild the stories of the items first seen since then (h, d or m)
  add URL           subscribe to a feed or a site (example.org: its first poll finds the feed)
  import FILE.opml  subscribe to every feed of an OPML file (exit 1 if part was refused or repaired)
  export            print every subscription as OPML
  list              feeds with status, last error, next poll, title and folder
  stats             counts of feeds, items, stories and polls
  backup FILE       write a consistent copy of the database while the worker runs (PostgreSQL: pg_dump)
  restore FILE      replace the database with a backup (stop the worker and web app first)
  user add NAME [--admin] | list | remove NAME
                    reader accounts; add reads the password from standard input
Configuration: environment variables, see the README's configuration table.`;

interface Command {
  /** The argument it needs, named in the usage error when missing. */
  argument?: string;
  run(args: string[], config: WorkerConfig, logger: Logger, io: CommandIo): Promise<number>;
}

/** Each command opens only what it needs: the poll loop builds a runtime, the rest a database. */
const COMMANDS: Record<string, Command> = {
  run: { run: (_, config, logger, io) => runForever(config, logger, io) },
  once: { run: (_, config, logger, io) => pollOnce(config, logger, io) },
  recluster: { run: (args, config, logger, io) => recluster(args, config, logger, io) },
  add: { argument: 'URL', run: (args, config, _, io) => addFeed(args[0]!, config, io) },
  import: { argument: 'FILE.opml', run: (args, config, _, io) => importFile(args[0]!, config, io) },
  export: { run: (_, config, __, io) => exportFeeds(config, io) },
  list: { run: (_, config, __, io) => listFeeds(config, io) },
  stats: { run: (_, config, __, io) => printStats(config, io) },
  backup: { argument: 'FILE', run: (args, config, _, io) => backupCommand(args[0]!, config, io) },
  restore: { argument: 'FILE', run: (args, config, _, io) => restoreCommand(args[0]!, config, io) },
  user: { run: (args, config, _, io) => runUserCommand(args, config.DATABASE_URL, io.out) },
};

export async function runCommand(
  argv: string[],
  config: WorkerConfig,
  logger: Logger,
  io: CommandIo,
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`Unknown command "${name}"\n${USAGE}`);
  if (command.argument && !args[0]) throw new UsageError(`${name} needs an argument\n${USAGE}`);
  return command.run(args, config, logger, io);
}
