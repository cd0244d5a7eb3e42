import type { MetadataRoute } from 'next';
import { perRequest } from '../lib/cache/per-request';

/** Crawlers may read stories and sources; admin, API and search result pages are not for them. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  await perRequest();
  return { rules: [{ userAgent: '*', allow: '/', disallow: ['/admin', '/api/', '/search'] }] };
}
