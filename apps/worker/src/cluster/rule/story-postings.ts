// The candidate keys: term -> the stories whose members carry it, with how many members do. Most
// terms belong to one member of one story, so that case is held as a bare story id, not a Map.

export class StoryPostings {
  /** Terms carried by exactly one member of one story. */
  private readonly single = new Map<string, number>();
  private readonly many = new Map<string, Map<number, number>>();

  /** Members of `storyId` carrying `term`. */
  count(term: string, storyId: number): number {
    const stories = this.many.get(term);
    if (stories) return stories.get(storyId) ?? 0;
    return this.single.get(term) === storyId ? 1 : 0;
  }

  /** Stories carrying `term`. */
  size(term: string): number {
    return this.many.get(term)?.size ?? (this.single.has(term) ? 1 : 0);
  }

  storyIds(term: string): Iterable<number> {
    const stories = this.many.get(term);
    if (stories) return stories.keys();
    const only = this.single.get(term);
    return only === undefined ? [] : [only];
  }

  /** Adds `delta` (may be negative) to the members of `storyId` carrying `term`. */
  add(term: string, storyId: number, delta: number): void {
    const stories = this.many.get(term);
    if (stories) {
      const count = (stories.get(storyId) ?? 0) + delta;
      if (count > 0) stories.set(storyId, count);
      else stories.delete(storyId);
      if (stories.size === 0) this.many.delete(term);
      return;
    }
    const only = this.single.get(term);
    const counts = new Map<number, number>();
    if (only !== undefined) counts.set(only, 1);
    const count = (counts.get(storyId) ?? 0) + delta;
    if (count > 0) counts.set(storyId, count);
    else counts.delete(storyId);
    this.single.delete(term);
    const [first] = counts;
    if (counts.size === 1 && first?.[1] === 1) this.single.set(term, first[0]);
    else if (counts.size > 0) this.many.set(term, counts);
  }

  /** The members of `from` carrying `term` now count for `into` (a merge). */
  move(term: string, from: number, into: number): void {
    const count = this.count(term, from);
    if (count === 0) return;
    this.add(term, from, -count);
    this.add(term, into, count);
  }
}
