import type { Db } from '@newsfeed/db';
import { parseId } from './story-filters';

/**
 * Where /story/ID lives now when story ID was merged into another (its URL keeps working), or null
 * when it was never merged. The page answers with a permanent redirect there.
 */
export async function mergedStoryPath(db: Db, rawId: string): Promise<string | null> {
  const id = parseId(rawId);
  if (id === null) return null;
  const target = await db.stories.redirect(id);
  return target === null ? null : `/story/${target}`;
}
