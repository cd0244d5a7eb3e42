import type { ClusterDoc } from './rule/index.js';

// What the clusterer told its StoryIndex, by item: an edit is compared with the version indexed
// (changedMaterially), and merges and evictions are followed so both stay the same.

export class IndexedItems {
  private readonly items = new Map<number, { doc: ClusterDoc; storyId: number }>();
  private readonly stories = new Map<number, Set<number>>();

  get size(): number {
    return this.items.size;
  }

  get(itemId: number) {
    return this.items.get(itemId);
  }

  /** Whether any indexed item is in `storyId`. */
  hasStory(storyId: number): boolean {
    return this.stories.has(storyId);
  }

  set(doc: ClusterDoc, storyId: number): void {
    this.delete(doc.id);
    this.items.set(doc.id, { doc, storyId });
    const members = this.stories.get(storyId);
    if (members) members.add(doc.id);
    else this.stories.set(storyId, new Set([doc.id]));
  }

  delete(itemId: number): void {
    const item = this.items.get(itemId);
    if (!item) return;
    this.items.delete(itemId);
    const members = this.stories.get(item.storyId);
    members?.delete(itemId);
    if (members?.size === 0) this.stories.delete(item.storyId);
  }

  merge(from: number, into: number): void {
    for (const id of [...(this.stories.get(from) ?? [])]) this.set(this.items.get(id)!.doc, into);
  }

  /** Forgets the items first seen before `cutoffMs`; returns them. */
  evictBefore(cutoffMs: number): number[] {
    const evicted: number[] = [];
    for (const [id, item] of this.items) if (item.doc.firstSeenAt < cutoffMs) evicted.push(id);
    for (const id of evicted) this.delete(id);
    return evicted;
  }
}
