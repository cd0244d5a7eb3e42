import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { KeyboardNav } from '../components/keyboard-nav';
import { SiteHeader } from '../components/site-header';
import { webConfig } from '../lib/env';
import { siteOrigin } from '../lib/site-origin';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { WEB_SITE_NAME } = webConfig();
  const origin = await siteOrigin();
  return {
    metadataBase: new URL(origin),
    title: { default: WEB_SITE_NAME, template: `%s · ${WEB_SITE_NAME}` },
    description: 'Stories from your feeds, clustered across outlets.',
    applicationName: WEB_SITE_NAME,
    openGraph: { siteName: WEB_SITE_NAME, type: 'website' },
    alternates: {
      types: {
        'application/rss+xml': [{ url: '/feed.xml', title: `${WEB_SITE_NAME}: top stories (RSS)` }],
        'application/atom+xml': [{ url: '/atom.xml', title: `${WEB_SITE_NAME}: top stories (Atom)` }],
        'application/feed+json': [{ url: '/feed.json', title: `${WEB_SITE_NAME}: top stories (JSON Feed)` }],
      },
    },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#121417' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const { WEB_SITE_NAME } = webConfig();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader siteName={WEB_SITE_NAME} />
        <main id="main" className="page">
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>o</kbd> open, <kbd>/</kbd> search. Subscribe:{' '}
            <a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a> · <a href="/feed.json">JSON Feed</a> ·{' '}
            <a href="/api/v1/stories">API</a>
          </p>
        </footer>
        <KeyboardNav />
      </body>
    </html>
  );
}
