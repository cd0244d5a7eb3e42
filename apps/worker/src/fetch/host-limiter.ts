/** A counting semaphore: at most `limit` holders; waiters are served in arrival order. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  get idle(): boolean {
    return this.active === 0 && this.waiting.length === 0;
  }

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else this.active--;
  }
}

/**
 * Politeness: at most `total` requests in flight, at most `perHost` to any one host. A request
 * waits for its host's slot before taking a global one, so a host with many feeds never holds
 * global slots idle while it waits.
 */
export class HostLimiter {
  private readonly global: Semaphore;
  private readonly hosts = new Map<string, Semaphore>();

  constructor(
    total: number,
    private readonly perHost: number,
  ) {
    this.global = new Semaphore(total);
  }

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const key = host.toLowerCase();
    let hostSlots = this.hosts.get(key);
    if (!hostSlots) {
      hostSlots = new Semaphore(this.perHost);
      this.hosts.set(key, hostSlots);
    }
    await hostSlots.acquire();
    try {
      await this.global.acquire();
      try {
        return await task();
      } finally {
        this.global.release();
      }
    } finally {
      hostSlots.release();
      if (hostSlots.idle) this.hosts.delete(key);
    }
  }
}
