import type { ChangeMarker } from '@newsfeed/db';
import { cache } from 'react';
import { getDb } from '../db';
import { webConfig } from '../env';
import { adminChanges } from './admin-changes';
import { keepFor } from './keep';

// The worker writes from another process, so no tag can tell this one about a new poll. Every cached
// read takes the parts of the database's change marker it shows (db.changes.marker: a few index
// lookups) as an argument, which puts them in the read's cache key: once one moves, the next page
// view reads afresh.

async function keptMarker(): Promise<ChangeMarker> {
  'use cache';
  keepFor(webConfig().WEB_CHANGE_CHECK_MS);
  return (await getDb()).changes.marker();
}

/** The database's change marker, asked for at most once per WEB_CHANGE_CHECK_MS and once per render. */
const currentMarker = cache(keptMarker);

/** The parts of the change marker a read shows, and this process's admin changes, as one cache key argument. */
export async function changeMarker(...parts: (keyof ChangeMarker)[]): Promise<string> {
  const marker = await currentMarker();
  return [adminChanges(), ...parts.map((part) => marker[part])].join('/');
}
