// Document frequencies over the items in the window: IDF learned from the stream itself, with a
// prior of empty pseudo-documents so the first items of a cold start still weigh their words.

export class DocumentFrequency {
  private readonly counts = new Map<string, number>();
  private docs = 0;

  constructor(private readonly priorDocs: number) {}

  add(terms: Iterable<string>): void {
    this.docs++;
    for (const term of terms) this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
  }

  remove(terms: Iterable<string>): void {
    this.docs--;
    for (const term of terms) {
      const count = (this.counts.get(term) ?? 0) - 1;
      if (count > 0) this.counts.set(term, count);
      else this.counts.delete(term);
    }
  }

  /** IDF of `term`; `pending` counts a document not yet added (the one being placed). */
  idf(term: string, pending = 0): number {
    const df = (this.counts.get(term) ?? 0) + pending;
    return Math.log((this.docs + pending + this.priorDocs) / (df + 1)) + 1e-3;
  }
}
