// Counts wrong admin tokens per client and in total over a fixed window; past either limit attempts
// are refused unchecked (429 with Retry-After), so guessing runs at a few tries per window. The
// total still holds when clients choose their own address (X-Forwarded-For without WEB_TRUST_PROXY).

/** Clients remembered at once; past it the oldest is forgotten (the total limit still counts it). */
export const MAX_TRACKED_CLIENTS = 10_000;

export interface FailureLimits {
  perClient: number;
  total: number;
  windowMs: number;
}

interface Window {
  startedAt: number;
  failures: number;
}

function current(window: Window | undefined, now: number, windowMs: number): Window | undefined {
  return window && now - window.startedAt < windowMs ? window : undefined;
}

export class FailureLimiter {
  private readonly clients = new Map<string, Window>();
  private total: Window | undefined;

  constructor(private readonly limits: () => FailureLimits) {}

  /** Seconds until `client` may try again, or null when it may try now. */
  retryAfterSeconds(client: string, now: number = Date.now()): number | null {
    const { perClient, total, windowMs } = this.limits();
    const blockedUntil = [
      [current(this.clients.get(client), now, windowMs), perClient] as const,
      [current(this.total, now, windowMs), total] as const,
    ]
      .filter(([window, limit]) => window !== undefined && window.failures >= limit)
      .map(([window]) => window!.startedAt + windowMs);
    if (blockedUntil.length === 0) return null;
    return Math.max(1, Math.ceil((Math.max(...blockedUntil) - now) / 1000));
  }

  recordFailure(client: string, now: number = Date.now()): void {
    const { windowMs } = this.limits();
    this.total = current(this.total, now, windowMs) ?? { startedAt: now, failures: 0 };
    this.total.failures += 1;
    const window = current(this.clients.get(client), now, windowMs) ?? { startedAt: now, failures: 0 };
    window.failures += 1;
    // Re-inserted, so the Map's order is least recently failed first.
    this.clients.delete(client);
    this.clients.set(client, window);
    if (this.clients.size > MAX_TRACKED_CLIENTS) {
      const oldest = this.clients.keys().next().value;
      if (oldest !== undefined) this.clients.delete(oldest);
    }
  }
}
