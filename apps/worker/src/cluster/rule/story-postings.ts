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

  /** Adds `delta` (may be negative) to the members of `storyId` carrying `term`; returns how many do now. */
  add(term: string, storyId: number, delta: number): number {
    const stories = this.many.get(term);
    if (stories) {
      const count = (stories.get(storyId) ?? 0) + delta;
      if (count > 0) stories.set(storyId, count);
      else stories.delete(storyId);
      if (stories.size === 0) this.many.delete(term);
      return Math.max(0, count);
    }
    // No Map is made unless the term ends up in more than one member: most calls add a term's
    // first member or take away its only one.
    const only = this.single.get(term);
    if (only === undefined) {
      if (delta === 1) this.single.set(term, storyId);
      else if (delta > 0) this.many.set(term, new Map([[storyId, delta]]));
      return Math.max(0, delta);
    }
    if (only === storyId) {
      const count = 1 + delta;
      if (count === 1) return 1;
      this.single.delete(term);
      if (count > 0) this.many.set(term, new Map([[storyId, count]]));
      return Math.max(0, count);
    }
    // Another story holds the term's only member: it stays first, as the posting lists keep order.
    if (delta <= 0) return 0;
    this.single.delete(term);
    this.many.set(
      term,
      new Map([
        [only, 1],
        [storyId, delta],
      ]),
    );
    return delta;
  }

  /** The members of `from` carrying `term` now count for `into` (a merge). */
  move(term: string, from: number, into: number): void {
    const count = this.count(term, from);
    if (count === 0) return;
    this.add(term, from, -count);
    this.add(term, into, count);
  }
}
