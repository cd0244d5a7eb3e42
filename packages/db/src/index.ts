export * from './types.js';
export { DEFAULT_DATABASE_URL, DatabaseUrlError, parseDatabaseUrl, type DatabaseLocation } from './database-url.js';
