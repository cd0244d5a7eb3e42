import { z } from 'zod';

// The web app's whole configuration: every option, its default and what it means. Nothing else in
// apps/web reads process.env; the README's configuration table lists exactly these rows.
export const WEB_OPTIONS = {
  DATABASE_URL: {
    schema: z.string().default('file:./data/newsfeed.db'),
    description: 'Where to read feeds and stories: file:PATH (SQLite) or postgres://… (PostgreSQL).',
  },
  PORT: {
    schema: z.coerce.number().int().min(0).max(65_535).default(3000),
    description: 'The port the web server (`server.mjs`, Next.js) listens on.',
  },
  HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    description:
      'The address the web server listens on: `127.0.0.1` serves this machine only (put a proxy in front); `0.0.0.0` or `::` every interface.',
  },
  ADMIN_TOKEN: {
    schema: z.string().min(16, 'use at least 16 characters (e.g. `openssl rand -hex 24`)').optional(),
    description: 'Secret that unlocks /admin and the admin API; unset means admin is off.',
  },
  WEB_PUBLIC_URL: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    description:
      'Public origin used in feeds out and Open Graph tags, and the one host name (besides loopback) admin and form posts are accepted on; unset means the request’s Host.',
  },
  WEB_TRUST_PROXY: {
    schema: z.stringbool().default(false),
    description:
      'true behind a reverse proxy that sets X-Forwarded-Host and X-Forwarded-Proto: they then name the origin of links in pages and feeds out; otherwise they are ignored.',
  },
  WEB_AUTH_MAX_FAILURES: {
    schema: z.coerce.number().int().min(1).max(10_000).default(10),
    description:
      'Wrong admin tokens (login form or Bearer) one client may send per WEB_AUTH_WINDOW_SECONDS before it is answered 429.',
  },
  WEB_AUTH_MAX_FAILURES_TOTAL: {
    schema: z.coerce.number().int().min(1).max(1_000_000).default(100),
    description:
      'Wrong admin tokens from all clients together per WEB_AUTH_WINDOW_SECONDS before every attempt is answered 429 (bounds guessing from many addresses).',
  },
  WEB_AUTH_WINDOW_SECONDS: {
    schema: z.coerce.number().int().min(1).max(86_400).default(900),
    description: 'The window (seconds) over which wrong admin tokens are counted.',
  },
  WEB_REQUIRE_SIGN_IN: {
    schema: z.stringbool().default(false),
    description:
      'true: only signed-in readers (accounts from `user add`) see pages, feeds out and the public API; false: anonymous visitors may read too.',
  },
  WEB_API_TOKEN_DAYS: {
    schema: z.coerce.number().int().min(1).max(3650).default(30),
    description:
      'How long (days) a reader app’s Google Reader API token (from /api/greader.php/accounts/ClientLogin) stays valid.',
  },
  WEB_GREADER_MAX_IDS: {
    schema: z.coerce.number().int().min(1).max(100_000).default(1000),
    description:
      'Most item ids one Google Reader API request may name (edit-tag, stream/items/contents); more is answered 400.',
  },
  WEB_GREADER_MAX_ITEMS: {
    schema: z.coerce.number().int().min(1).max(10_000).default(1000),
    description: 'Most items one Google Reader API stream page returns (a larger `n` is lowered to this).',
  },
  WEB_PAGE_SIZE: {
    schema: z.coerce.number().int().min(1).max(100).default(30),
    description: 'Stories per front page, items per source page, hits per search page.',
  },
  WEB_FEED_SIZE: {
    schema: z.coerce.number().int().min(1).max(200).default(50),
    description: 'Entries in /feed.xml, /atom.xml and /feed.json.',
  },
  WEB_CACHE_TTL_MS: {
    schema: z.coerce.number().int().min(0).max(600_000).default(60_000),
    description:
      'Longest time (ms) a front page, story, sources or feed-out read is reused while the database is unchanged; 0 reads the database on every request.',
  },
  WEB_CHANGE_CHECK_MS: {
    schema: z.coerce.number().int().min(0).max(60_000).default(2000),
    description:
      'How often (ms) the web server asks the database whether the worker changed it (items, stories, polls); a change renews every cached read; 0 asks on every request.',
  },
  WEB_PAGE_CACHE_TTL_MS: {
    schema: z.coerce.number().int().min(0).max(60_000).default(5000),
    description:
      'How long (ms) a rendered public page (front page, search, story, sources) or feed out is served to anonymous readers before it is rendered again; 0 turns it off.',
  },
  WEB_PAGE_CACHE_MB: {
    schema: z.coerce.number().int().min(1).max(4096).default(32),
    description:
      'Memory (MiB) for rendered pages kept by WEB_PAGE_CACHE_TTL_MS; least recently used go first.',
  },
  WEB_SITE_NAME: {
    schema: z.string().min(1).max(80).default('Newsfeed'),
    description: 'Name shown in the header, page titles and feeds out.',
  },
} as const;

type Options = typeof WEB_OPTIONS;
export type WebConfig = { [K in keyof Options]: z.output<Options[K]['schema']> };

export class WebConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'WebConfigError';
  }
}

/** Validates the environment; a bad value names the variable and what is wrong with it. */
export function loadWebConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, option] of Object.entries(WEB_OPTIONS)) {
    const raw = env[name] === '' ? undefined : env[name];
    const result = option.schema.safeParse(raw);
    if (result.success) config[name] = result.data;
    else {
      // A secret never goes into an error message.
      const shown = name === 'ADMIN_TOKEN' ? '(hidden)' : JSON.stringify(raw);
      problems.push(`${name}=${shown}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
    }
  }
  if (problems.length > 0) throw new WebConfigError(`Invalid web configuration:\n  ${problems.join('\n  ')}`);
  return config as WebConfig;
}

let cached: WebConfig | undefined;

/** The process's configuration, validated once. */
export function webConfig(): WebConfig {
  cached ??= loadWebConfig();
  return cached;
}
