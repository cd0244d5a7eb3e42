import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './lib/security-headers';

const config: NextConfig = {
  // Native and Node-only modules stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: ['better-sqlite3', 'pg', 'jsdom'],
  poweredByHeader: false,
  reactStrictMode: true,
  // 'use cache' on the pages' data reads (lib/cache/). Not cacheComponents, its successor: there a
  // page's response starts with its shell, even an empty one, so notFound() in a page can no longer
  // set the status (an unknown story answers 200, not 404).
  experimental: { useCache: true },
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
