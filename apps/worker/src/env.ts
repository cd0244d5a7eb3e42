import { z } from 'zod';

// The worker's whole configuration: every option, its default and what it means. Nothing else in
// the worker reads process.env; the README's configuration table is checked against this list.
export const WORKER_OPTIONS = {
  DATABASE_URL: {
    schema: z.string().default('file:./data/newsfeed.db'),
    description: 'Where to store feeds and items: file:PATH (SQLite) or postgres://… (PostgreSQL).',
  },
  WORKER_POLL_INTERVAL_MS: {
    schema: z.coerce.number().int().positive().default(5_000),
    description: 'How often the loop looks for due feeds, in milliseconds.',
  },
} as const;

type Options = typeof WORKER_OPTIONS;
export type WorkerConfig = { [K in keyof Options]: z.output<Options[K]['schema']> };

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; a bad value names the variable and what is wrong with it. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, option] of Object.entries(WORKER_OPTIONS)) {
    const raw = env[name] === '' ? undefined : env[name];
    const result = option.schema.safeParse(raw);
    if (result.success) config[name] = result.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid worker configuration:\n  ${problems.join('\n  ')}`);
  return config as WorkerConfig;
}
