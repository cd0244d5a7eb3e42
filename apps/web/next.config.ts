import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './lib/security-headers';

const config: NextConfig = {
  // Native and Node-only modules stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: ['better-sqlite3', 'pg', 'jsdom'],
  poweredByHeader: false,
  reactStrictMode: true,
  // 'use cache' on the pages' data reads (lib/cache/). No page has a static shell: the root layout
  // waits for the request (app/layout.tsx), since every page carries a per-request CSP nonce.
  cacheComponents: true,
  // The earlier prefetch behaviour, unchanged: with no static shells there is no App Shell to prefetch.
  partialPrefetching: false,
  // proxy.ts sets the headers of every dynamic response; static assets skip it and get them here.
  async headers() {
    const headers = [
      ...Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      {
        key: 'Content-Security-Policy',
        value: "default-src 'none'; style-src 'self'; frame-ancestors 'none'",
      },
    ];
    return [
      { source: '/_next/static/:path*', headers },
      { source: '/_next/image/:path*', headers },
    ];
  },
};

export default config;
