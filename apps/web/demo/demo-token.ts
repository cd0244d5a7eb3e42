import { randomBytes } from 'node:crypto';

// The demo's admin token: the operator's ADMIN_TOKEN when set, else a new random one per run
// (printed at start). A fixed default would be a password every reader of the README knows, and a
// page that reaches 127.0.0.1 (DNS rebinding) could sign in with it.

/** Random bytes in a generated token (48 hex characters). */
export const DEMO_TOKEN_BYTES = 24;

export function demoAdminToken(configured: string | undefined): string {
  return configured || randomBytes(DEMO_TOKEN_BYTES).toString('hex');
}
