import { sql } from 'kysely';
import type { MaintenanceApi } from './engines/maintenance.js';
import {
  DEFAULT_POSTGRES_SETTINGS,
  openPostgres,
  type PostgresSettings,
} from './engines/postgres/postgres.js';
import { DEFAULT_SQLITE_SETTINGS, openSqlite, type SqliteSettings } from './engines/sqlite/sqlite.js';
import { type ChangesApi, createChangesApi } from './entities/changes.js';
import { createFeedsApi } from './entities/feeds.js';
import { createItemsApi, DEFAULT_ITEMS_SETTINGS, type ItemsSettings } from './entities/items.js';
import { createPollsApi } from './entities/polls.js';
import { createRetentionApi } from './entities/retention.js';
import { createStoriesApi } from './entities/stories.js';
import { createSubscriptionsApi } from './entities/subscriptions.js';
import { type MigrationResult, migrate } from './migrate.js';
import { createItemStatesApi, type ItemStatesApi } from './readers/item-states.js';
import { createSessionsApi, type SessionsApi } from './readers/sessions.js';
import { createUsersApi, type UsersApi } from './readers/users.js';
import { createSearchApi } from './search/search.js';
import type { DbContext } from './sql/context.js';
import { parseDatabaseUrl } from './sql/database-url.js';
import { toDbError, withTypedErrors } from './sql/error-mapping.js';
import { createClusteringApi } from './stories/cluster-store.js';
import { createClusterWarningsApi } from './stories/cluster-warnings.js';
import type { Db, Stats } from './types.js';

/** createDb's options: each engine's settings (engines/*), `items.ingest`'s, and these two. */
export type CreateDbOptions = Partial<SqliteSettings & PostgresSettings & ItemsSettings> & {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Base directory for a relative SQLite path (default: the Newsfeed checkout the process runs in, else its working directory). */
  cwd?: string;
};

/** `defaults`, each overridden by the option of its name when that is set. */
function withDefaults<Settings extends object>(defaults: Settings, options: Partial<Settings>): Settings {
  return Object.fromEntries(
    Object.entries(defaults).map(([key, value]) => [key, options[key as keyof Settings] ?? value]),
  ) as Settings;
}

/** The Db contract plus what this implementation adds (see the README's API notes). */
export type NewsfeedDb = Db & {
  items: ReturnType<typeof createItemsApi>;
  retention: ReturnType<typeof createRetentionApi>;
  maintenance: MaintenanceApi;
  /** What a caching reader checks to learn that another process changed the data (entities/changes.ts). */
  changes: ChangesApi;
  sessions: SessionsApi;
  users: UsersApi;
  itemStates: ItemStatesApi;
  /** Applies pending migrations (createDb already does unless `migrate: false`). */
  migrate(): Promise<MigrationResult>;
  /** The engine's query builder, for tools and benchmarks; not part of the stable API. */
  context: DbContext;
};

/** Opens the database at `url` (DATABASE_URL, default `file:./data/newsfeed.db`) and migrates it. */
export async function createDb(url?: string | null, options: CreateDbOptions = {}): Promise<NewsfeedDb> {
  const location = parseDatabaseUrl(url, options.cwd);
  const { context, maintenance, close } =
    location.engine === 'sqlite'
      ? openSqlite(location.path, withDefaults(DEFAULT_SQLITE_SETTINGS, options))
      : openPostgres(location.connectionString, withDefaults(DEFAULT_POSTGRES_SETTINGS, options));
  const target = location.engine === 'sqlite' ? `SQLite database ${location.path}` : 'PostgreSQL database';
  try {
    if (options.migrate ?? true) await migrate(context);
    else await sql`SELECT 1`.execute(context.kysely);
  } catch (error) {
    await close().catch(() => undefined); // the open failed already; that error is the one to report
    throw toDbError(error, `opening ${target}`);
  }

  let closed: Promise<void> | null = null;
  const feeds = withTypedErrors('feeds', 'feed', createFeedsApi(context));
  const items = createItemsApi(context, withDefaults(DEFAULT_ITEMS_SETTINGS, options));
  const itemsOf = { ingest: 'feed', listByFeed: 'feed', existingKeys: 'feed', get: 'item', remove: 'item' };
  const polls = createPollsApi(context);
  return {
    engine: context.engine,
    context,
    feeds,
    items: withTypedErrors('items', itemsOf, items),
    stories: withTypedErrors('stories', { get: 'story', redirect: 'story' }, createStoriesApi(context)),
    search: withTypedErrors('search', 'query', createSearchApi(context)),
    polls: withTypedErrors('polls', { record: 'feed', listByFeed: 'feed', prune: 'cutoff' }, polls),
    retention: withTypedErrors('retention', 'cutoff', createRetentionApi(context)),
    clustering: withTypedErrors('clustering', 'lease', createClusteringApi(context)),
    clusterWarnings: withTypedErrors('cluster warnings', 'warning', createClusterWarningsApi(context)),
    subscriptions: createSubscriptionsApi(feeds),
    maintenance: withTypedErrors('maintenance', 'database', maintenance),
    changes: withTypedErrors('changes', 'database', createChangesApi(context)),
    sessions: withTypedErrors('sessions', 'session', createSessionsApi(context.kysely)),
    users: withTypedErrors('users', 'user', createUsersApi(context.kysely)),
    itemStates: withTypedErrors('itemStates', 'user', createItemStatesApi(context)),
    migrate: () => migrate(context).catch((error) => Promise.reject(toDbError(error, 'migrate'))),
    async stats(): Promise<Stats> {
      try {
        const { rows } = await sql<Stats>`SELECT
          (SELECT count(*) FROM feeds) AS feeds,
          (SELECT count(*) FROM feeds WHERE disabled = 1) AS "feedsDisabled",
          (SELECT count(*) FROM feeds WHERE disabled = 0 AND error_count > 0) AS "feedsFailing",
          (SELECT count(*) FROM items) AS items,
          (SELECT count(*) FROM stories) AS stories,
          (SELECT count(*) FROM polls) AS polls`.execute(context.kysely);
        return rows[0]!; // both engines return counts as numbers (PostgreSQL: see openPostgres)
      } catch (error) {
        throw toDbError(error, 'stats');
      }
    },
    close() {
      closed ??= close();
      return closed;
    },
  };
}
