import { webConfig } from './env';
import { FailureLimiter } from './failure-limiter';

// One count of wrong credentials per kind, for the whole process. It lives on globalThis because
// Next.js bundles routes separately: each bundle would otherwise count on its own.

type Holder = Record<symbol, FailureLimiter | undefined>;

/** The process's limiter for one kind of credential (`admin-attempts`, `sign-in-attempts`), WEB_AUTH_* limits. */
export function authFailureLimit(kind: string): FailureLimiter {
  const holder = globalThis as unknown as Holder;
  const key = Symbol.for(`newsfeed.web.${kind}`);
  holder[key] ??= new FailureLimiter(() => {
    const config = webConfig();
    return {
      perClient: config.WEB_AUTH_MAX_FAILURES,
      total: config.WEB_AUTH_MAX_FAILURES_TOTAL,
      windowMs: config.WEB_AUTH_WINDOW_SECONDS * 1000,
    };
  });
  return holder[key];
}
