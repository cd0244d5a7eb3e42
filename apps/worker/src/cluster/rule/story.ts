import type { Centroid, TermVector } from './term-vector.js';

// A story as the index keeps it: its members, the sum of their vectors (the centroid, unnormalized)
// with its squared norm kept up to date, its time span and its members' languages.

export class Story {
  readonly members = new Set<number>();
  readonly centroid: Centroid = new Map();
  readonly languages = new Map<string, number>();
  /** Members that brought a text, not only a title. */
  textMembers = 0;
  normSq = 0;
  minTime = Number.POSITIVE_INFINITY;
  maxTime = Number.NEGATIVE_INFINITY;

  constructor(readonly id: number) {}

  /** Adds (or takes away) a member's vector; `membersWith[i]` says how many members carry its i-th
   *  term after the change: a term leaves the centroid with its last member. */
  addVector(vector: TermVector, sign: 1 | -1, membersWith: ArrayLike<number>): void {
    for (let index = 0; index < vector.terms.length; index++) {
      const term = vector.terms[index] as string;
      const value = vector.weights[index] as number;
      const before = this.centroid.get(term) ?? 0;
      const remains = (membersWith[index] as number) > 0;
      const after = remains ? before + sign * value : 0;
      this.normSq += after * after - before * before;
      if (remains) this.centroid.set(term, after);
      else this.centroid.delete(term);
    }
    // Rounding must not leave an empty centroid with a norm, or a norm below zero.
    if (this.centroid.size === 0 || this.normSq < 0) this.normSq = 0;
  }

  /** Take over every member of `other` (a merge). */
  absorb(other: Story): void {
    for (const itemId of other.members) this.members.add(itemId);
    for (const [term, value] of other.centroid) {
      const before = this.centroid.get(term) ?? 0;
      const after = before + value;
      this.normSq += after * after - before * before;
      this.centroid.set(term, after);
    }
    for (const [language, count] of other.languages) {
      this.languages.set(language, (this.languages.get(language) ?? 0) + count);
    }
    this.textMembers += other.textMembers;
    this.minTime = Math.min(this.minTime, other.minTime);
    this.maxTime = Math.max(this.maxTime, other.maxTime);
  }

  countLanguage(language: string | null, sign: 1 | -1): void {
    if (!language) return;
    const count = (this.languages.get(language) ?? 0) + sign;
    if (count > 0) this.languages.set(language, count);
    else this.languages.delete(language);
  }

  /** Whether an item in `language` may join: never across two known languages. */
  acceptsLanguage(language: string | null): boolean {
    if (!language) return true;
    for (const known of this.languages.keys()) if (known !== language) return false;
    return true;
  }

  /** Whether the two stories together would still have at most one known language. */
  sharesLanguageWith(other: Story): boolean {
    for (const language of other.languages.keys()) if (!this.acceptsLanguage(language)) return false;
    return true;
  }

  /** Whether an item reported at `time` is within `windowMs` of this story's coverage. */
  coversTime(time: number, windowMs: number): boolean {
    return time >= this.minTime - windowMs && time <= this.maxTime + windowMs;
  }

  /** Cosine between this story's centroid and another's. */
  centroidCosine(other: Story): number {
    if (this.normSq <= 0 || other.normSq <= 0) return 0;
    const [small, large] = this.centroid.size <= other.centroid.size ? [this, other] : [other, this];
    let sum = 0;
    for (const [term, value] of small.centroid) {
      const found = large.centroid.get(term);
      if (found !== undefined) sum += value * found;
    }
    return sum / Math.sqrt(this.normSq * other.normSq);
  }

  /** Cosine of a unit vector against the centroid, and how many of its terms the centroid has. */
  match(vector: TermVector): { cosine: number; shared: number } {
    if (this.normSq <= 0) return { cosine: 0, shared: 0 };
    let sum = 0;
    let shared = 0;
    for (let index = 0; index < vector.terms.length; index++) {
      const other = this.centroid.get(vector.terms[index] as string);
      if (other === undefined) continue;
      sum += (vector.weights[index] as number) * other;
      shared++;
    }
    return { cosine: sum / Math.sqrt(this.normSq), shared };
  }
}
