/** Thrown by subscribableUrl for an address that may not be subscribed, with the reason. */
export class SubscriptionUrlError extends Error {
  readonly code = 'INVALID_FEED_URL';
  readonly input: string;
  readonly reason: string;

  constructor(input: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot subscribe to ${JSON.stringify(input.slice(0, 200))}: ${reason}`, options);
    this.name = 'SubscriptionUrlError';
    this.input = input;
    this.reason = reason;
  }
}
