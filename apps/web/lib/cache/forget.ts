import { revalidateTag } from 'next/cache';
import { forgetRenderedPages } from '../page-cache';
import { countAdminChange } from './admin-changes';
import { CACHE_TAGS, IN_NEXT_SERVER } from './keep';

/**
 * After an admin change (a feed added, removed, disabled, imported): every cached read and rendered
 * page expires now, so the next page view shows the change.
 */
export function forgetCachedData(): void {
  forgetRenderedPages();
  countAdminChange();
  if (!IN_NEXT_SERVER) return;
  for (const tag of Object.values(CACHE_TAGS)) revalidateTag(tag, { expire: 0 });
}
