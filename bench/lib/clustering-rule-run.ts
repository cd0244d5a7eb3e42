// The rule run as the clusterer stage runs it, over the dev headlines in a chosen arrival order:
// shared by bench/clustering.ts (scores) and bench/clustering-errors.ts (what goes wrong).
import { type ClusterDoc, type RuleTuning, StoryIndex } from '../../apps/worker/src/cluster/rule/index.js';
import type { Headline } from './headline-corpus.js';

/** Place every doc in order, as the clusterer stage does: place -> persist -> add (+ merges). */
export function clusterDocs(docs: readonly ClusterDoc[], tuning?: Partial<RuleTuning>): Map<number, number> {
  const index = new StoryIndex({}, tuning);
  const storyOf = new Map<number, number>();
  const membersOf = new Map<number, number[]>();
  for (const doc of docs) {
    const placement = index.place(doc);
    const storyId = placement.storyId ?? doc.id;
    storyOf.set(doc.id, storyId);
    if (!membersOf.has(storyId)) membersOf.set(storyId, []);
    membersOf.get(storyId)?.push(doc.id);
    index.add(doc, storyId);
    for (const from of placement.mergeStoryIds) {
      for (const member of membersOf.get(from) ?? []) {
        storyOf.set(member, storyId);
        membersOf.get(storyId)?.push(member);
      }
      membersOf.delete(from);
      index.mergeStories(from, storyId);
    }
  }
  return storyOf;
}

export function headlineDoc(headline: Headline, feedIds: Map<string, number>): ClusterDoc {
  if (!feedIds.has(headline.publisher)) feedIds.set(headline.publisher, feedIds.size + 1);
  return {
    id: headline.id,
    feedId: feedIds.get(headline.publisher) as number,
    title: headline.title,
    text: null,
    language: null,
    publishedAt: headline.timestamp,
    firstSeenAt: headline.timestamp,
  };
}

export function ordered(headlines: readonly Headline[], order: string): Headline[] {
  const sorted = [...headlines];
  if (order === 'publisher') {
    // What the worker does with one feed per publisher: items arrive feed by feed.
    sorted.sort((a, b) => a.publisher.localeCompare(b.publisher) || a.timestamp - b.timestamp || a.id - b.id);
  } else sorted.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
  return sorted;
}
