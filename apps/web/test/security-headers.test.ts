import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce } from '../lib/security-headers';

describe('createNonce', () => {
  it('gives 16 random bytes in base64, never the same twice across many draws of the pool', () => {
    // Enough for several refills of the pooled random bytes.
    const nonces = Array.from({ length: 2_000 }, () => createNonce());
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    expect(contentSecurityPolicy(nonces[0]!)).toContain(`'nonce-${nonces[0]}'`);
  });
});
