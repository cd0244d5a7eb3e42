import { webConfig } from './env';
import { FailureLimiter } from './failure-limiter';

// The process's count of wrong passwords (web sign-in and reader-app ClientLogin), limited like
// wrong admin tokens (WEB_AUTH_* settings) but counted apart, so one cannot lock out the other.

const KEY = Symbol.for('newsfeed.web.sign-in-attempts');
type Holder = { [KEY]?: FailureLimiter };

export function signInAttempts(): FailureLimiter {
  const holder = globalThis as Holder;
  holder[KEY] ??= new FailureLimiter(() => {
    const config = webConfig();
    return {
      perClient: config.WEB_AUTH_MAX_FAILURES,
      total: config.WEB_AUTH_MAX_FAILURES_TOTAL,
      windowMs: config.WEB_AUTH_WINDOW_SECONDS * 1000,
    };
  });
  return holder[KEY];
}
