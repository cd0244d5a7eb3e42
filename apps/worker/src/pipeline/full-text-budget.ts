/**
 * How many article pages one poll may fetch, in all and per host: a feed listing thousands of
 * teasers must not turn one poll into thousands of requests, to us or to whatever hosts its links
 * name. Items over budget keep their feed text and stay due for full text on later polls.
 */
export class FullTextBudget {
  private used = 0;
  private readonly usedByHost = new Map<string, number>();
  /** Items that wanted their page and were left to a later poll. */
  deferred = 0;

  constructor(
    private readonly perPoll: number,
    private readonly perHost: number,
  ) {}

  /** Takes one page fetch for `url` if both limits allow it. */
  take(url: string): boolean {
    let host: string;
    try {
      host = new URL(url).host.toLowerCase();
    } catch {
      return false;
    }
    const hostUsed = this.usedByHost.get(host) ?? 0;
    if (this.used >= this.perPoll || hostUsed >= this.perHost) {
      this.deferred++;
      return false;
    }
    this.used++;
    this.usedByHost.set(host, hostUsed + 1);
    return true;
  }
}
