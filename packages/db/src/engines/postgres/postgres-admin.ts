import pg from 'pg';
import { DbInputError } from '../../errors.js';

// Creating and dropping whole PostgreSQL databases, for tests and benchmarks that need a fresh one.
// `adminUrl` points at another database of the same server (e.g. `postgres`).

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function onServer(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function checked(name: string): string {
  if (!DATABASE_NAME.test(name)) throw new DbInputError(`not a plain database name: ${JSON.stringify(name)}`);
  return name;
}

/** Creates database `name` (a copy of `template`, to which nobody may be connected) and returns its URL. */
export async function createPostgresDatabase(
  adminUrl: string,
  name: string,
  options: { template?: string } = {},
): Promise<string> {
  const template = options.template === undefined ? '' : ` TEMPLATE ${checked(options.template)}`;
  await onServer(adminUrl, `CREATE DATABASE ${checked(name)}${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name`, disconnecting whoever is still connected to it. */
export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  await onServer(adminUrl, `DROP DATABASE IF EXISTS ${checked(name)} WITH (FORCE)`);
}
