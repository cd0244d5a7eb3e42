import { randomBytes } from 'node:crypto';

// The headers every response carries. Pages get a per-request nonce so Next.js's own inline
// scripts run and nothing else does; stored article HTML is additionally re-sanitized on render.

/** Images come from the publishers' sites, so any http(s) origin may serve one; nothing else is remote. */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    'img-src * data:',
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-site',
};

/** Random bytes in one nonce. */
const NONCE_BYTES = 16;
/**
 * Nonces drawn from the system's CSPRNG in one call: a call per page served cost more than the
 * rest of a cached page's nonce handling. Every byte is handed out once.
 */
const NONCES_PER_DRAW = 256;

let randomPool = Buffer.alloc(0);
let poolOffset = 0;

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  if (poolOffset + NONCE_BYTES > randomPool.length) {
    randomPool = randomBytes(NONCE_BYTES * NONCES_PER_DRAW);
    poolOffset = 0;
  }
  const nonce = randomPool.toString('base64', poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return nonce;
}
