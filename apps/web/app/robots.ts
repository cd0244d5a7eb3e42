import type { MetadataRoute } from 'next';

export const dynamic = 'force-dynamic';

/** Crawlers may read stories and sources; admin, API and search result pages are not for them. */
export default function robots(): MetadataRoute.Robots {
  return { rules: [{ userAgent: '*', allow: '/', disallow: ['/admin', '/api/', '/search'] }] };
}
