import { cache } from 'react';
import { getDb } from '../db';
import { webConfig } from '../env';
import { keepFor } from './keep';

// The worker writes from another process, so no tag can tell this one about a new poll. Every cached
// read takes the database's change marker (db.changes.marker: a few index lookups) as an argument,
// which puts it in the read's cache key: once the marker moves, the next page view reads afresh.

async function keptMarker(): Promise<string> {
  'use cache';
  keepFor(webConfig().WEB_CHANGE_CHECK_MS);
  return (await getDb()).changes.marker();
}

/** The database's change marker, asked for at most once per WEB_CHANGE_CHECK_MS and once per render. */
export const changeMarker = cache(keptMarker);
