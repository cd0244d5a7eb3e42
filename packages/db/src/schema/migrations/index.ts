import type { Engine } from '../../types.js';
import { initialSchema } from './001-initial.js';
import { itemChanges } from './002-item-changes.js';
import { searchTerms } from './003-search-terms.js';
import { fullTextQueue } from './004-full-text-queue.js';
import { itemChangesRows } from './005-item-changes-rows.js';
import { clusterKeys } from './006-cluster-keys.js';
import { phrasePairs } from './007-phrase-pairs.js';
import { claimAttempts } from './008-claim-attempts.js';
import { sessions } from './009-sessions.js';
import { clusterStage } from './010-cluster-stage.js';
import { storyMembers } from './011-story-members.js';
import { clusterWarnings } from './015-cluster-warnings.js';
import { users } from './020-users.js';
import { itemStates } from './021-item-states.js';
import { unreadCounters } from './022-unread-counters.js';
import { stateWriteScope } from './023-state-write-scope.js';
import { unreadStateRows } from './024-unread-state-rows.js';
import { searchFolding } from './030-search-folding.js';
import { fts5Vocabulary } from './031-fts5-vocabulary.js';
import { noPhrasePairs } from './032-no-phrase-pairs.js';
import { searchById } from './033-search-by-id.js';
import { changeCounters } from './040-change-counters.js';
import { searchWords } from './042-search-words.js';
import type { Migration } from './migration.js';

/** Every migration, oldest first. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  itemChanges,
  searchTerms,
  fullTextQueue,
  itemChangesRows,
  clusterKeys,
  phrasePairs,
  claimAttempts,
  sessions,
  clusterStage,
  storyMembers,
  clusterWarnings,
  users,
  itemStates,
  unreadCounters,
  stateWriteScope,
  unreadStateRows,
  searchFolding,
  fts5Vocabulary,
  noPhrasePairs,
  searchById,
  changeCounters,
  searchWords,
];

export function statementsFor(migration: Migration, engine: Engine): string[] {
  return engine === 'sqlite' ? migration.sqlite : migration.postgres;
}
