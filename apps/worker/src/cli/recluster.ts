import type { WorkerConfig } from '../env.js';
import type { Logger } from '../observe/logger.js';
import { createRuntime } from '../runtime.js';
import { type CommandIo, UsageError } from './io.js';

const SINCE_UNITS_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** How far back `recluster` goes when not told. */
export const DEFAULT_RECLUSTER_SINCE = '72h';

/** `--since 72h` (minutes, hours or days) as milliseconds. */
export function parseSinceOption(args: string[]): number {
  let value = DEFAULT_RECLUSTER_SINCE;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--since') value = args[++index] ?? '';
    else if (arg.startsWith('--since=')) value = arg.slice('--since='.length);
    else throw new UsageError(`recluster: unknown argument "${arg}"`);
  }
  const match = /^(\d+)([mhd])$/.exec(value);
  if (!match)
    throw new UsageError(`recluster --since needs a duration such as 72h, 3d or 90m, got "${value}"`);
  return Number(match[1]) * SINCE_UNITS_MS[match[2]!]!;
}

/** `recluster [--since 72h]`: re-queues the items first seen since then and rebuilds their stories. */
export async function recluster(
  args: string[],
  config: WorkerConfig,
  logger: Logger,
  io: CommandIo,
): Promise<number> {
  const since = parseSinceOption(args);
  const runtime = await createRuntime(config, logger);
  const { db, clusterer } = runtime;
  try {
    const queued = await db.clustering.requeue(Date.now() - since);
    const unregister = io.onSignal(() => clusterer.stop());
    await clusterer.runUntilDrained();
    unregister();
    io.out(`${queued} items queued for reclustering, ${clusterer.stats.placed} placed by this process`);
    return 0;
  } finally {
    await runtime.close();
  }
}
