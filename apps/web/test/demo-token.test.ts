import { describe, expect, it } from 'vitest';
import { DEMO_TOKEN_BYTES, demoAdminToken } from '../demo/demo-token';

// Issue 16 item 12: the demo's admin token is nobody's to know in advance.

describe('demoAdminToken', () => {
  it('makes a new random token per run when ADMIN_TOKEN is unset', () => {
    const tokens = new Set(Array.from({ length: 20 }, () => demoAdminToken(undefined)));
    expect(tokens.size).toBe(20);
    for (const token of tokens) expect(token).toMatch(new RegExp(`^[0-9a-f]{${DEMO_TOKEN_BYTES * 2}}$`));
    expect(demoAdminToken('')).toHaveLength(DEMO_TOKEN_BYTES * 2);
  });

  it('keeps the operator’s own token', () => {
    expect(demoAdminToken('my-own-admin-token-123456')).toBe('my-own-admin-token-123456');
  });
});
