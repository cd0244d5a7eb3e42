import { simhashDistance } from '@newsfeed/parser';
import type { ClusterDoc } from './doc.js';
import { docFeatures } from './features.js';
import { DEFAULT_RULE_TUNING, WIRE_COPY_MAX_BITS } from './settings.js';
import { foldedWords } from './terms.js';

/** Share of the title's letter trigrams an edit must keep for the item to stay where it is. */
const TITLE_EDIT_KEPT = 0.7;

/** Letter trigrams of the folded title, spaces left out: "cease-fire" and "ceasefire" agree. */
function trigrams(title: string): Set<string> {
  const letters = foldedWords(title).join('');
  const grams = new Set<string>();
  for (let index = 0; index + 3 <= letters.length; index++) grams.add(letters.slice(index, index + 3));
  if (grams.size === 0 && letters) grams.add(letters);
  return grams;
}

function titleKept(before: string, after: string): number {
  const a = trigrams(before);
  const b = trigrams(after);
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Whether an edit changed an item enough that it must be placed again (remove + place + add). */
export function changedMaterially(before: ClusterDoc, after: ClusterDoc): boolean {
  if (before.language !== after.language) return true;
  if (before.title !== after.title && titleKept(before.title ?? '', after.title ?? '') < TITLE_EDIT_KEPT)
    return true;
  // The text alone: a title edit was judged above.
  const textBefore = docFeatures({ ...before, title: '', simhash: null }, DEFAULT_RULE_TUNING).simhash;
  const textAfter = docFeatures({ ...after, title: '', simhash: null }, DEFAULT_RULE_TUNING).simhash;
  if ((textBefore === null) !== (textAfter === null)) return true;
  return (
    textBefore !== null && textAfter !== null && simhashDistance(textBefore, textAfter) > WIRE_COPY_MAX_BITS
  );
}
