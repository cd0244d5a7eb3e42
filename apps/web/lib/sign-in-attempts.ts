import { authFailureLimit } from './auth-failure-limit';
import type { FailureLimiter } from './failure-limiter';

/**
 * The process's count of wrong passwords (web sign-in and reader-app ClientLogin), limited like wrong
 * admin tokens but counted apart, so one cannot lock out the other.
 */
export function signInAttempts(): FailureLimiter {
  return authFailureLimit('sign-in-attempts');
}
