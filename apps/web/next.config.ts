import type { NextConfig } from 'next';

const config: NextConfig = {
  // Native and Node-only modules stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: ['better-sqlite3', 'pg', 'jsdom'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
