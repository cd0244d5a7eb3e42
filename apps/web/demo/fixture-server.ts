import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpml } from '@newsfeed/parser';

// Serves the bundled sample publishers (demo/fixtures/**) on 127.0.0.1 for `npm run demo` and the
// end-to-end test. Files are templates: {{base}} becomes this server's origin and {{rfc822:90}} /
// {{iso:90}} become "90 minutes ago", so the samples are always fresh. A file named NAME.latin1.EXT
// is served at NAME.EXT encoded as ISO-8859-1, to exercise the worker's charset handling.

export const SITE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.xml': 'application/rss+xml',
  '.json': 'application/feed+json',
  '.svg': 'image/svg+xml',
  '.opml': 'text/x-opml',
};

/** The publishers: their feed, in the order the OPML lists them. */
export const DEMO_FEEDS = [
  {
    path: '/harbour-herald/feed.xml',
    title: 'The Harbour Herald',
    site: '/harbour-herald/',
    folder: 'World',
  },
  { path: '/northern-ledger/atom.xml', title: 'Northern Ledger', site: '/northern-ledger/', folder: 'World' },
  { path: '/metro-bytes/feed.json', title: 'Metro Bytes', site: '/metro-bytes/', folder: 'Tech' },
  { path: '/alpenblick/rss.xml', title: 'Alpenblick Zeitung', site: '/alpenblick/', folder: 'Europa' },
] as const;

export function renderTemplate(text: string, base: string, now: Date): string {
  return text
    .replaceAll('{{base}}', base)
    .replace(/\{\{(rfc822|iso):(\d+)\}\}/g, (_, format: string, minutes: string) => {
      const date = new Date(now.getTime() - Number(minutes) * 60_000);
      return format === 'rfc822' ? date.toUTCString() : date.toISOString();
    });
}

/** The OPML the worker is seeded with (WORKER_SEED_OPML): one folder per section. */
export function demoOpml(base: string): string {
  const folders = [...new Set(DEMO_FEEDS.map((feed) => feed.folder))];
  return buildOpml({
    title: 'Newsfeed demo publishers',
    outlines: folders.map((folder) => ({
      title: folder,
      text: folder,
      xmlUrl: null,
      htmlUrl: null,
      type: null,
      children: DEMO_FEEDS.filter((feed) => feed.folder === folder).map((feed) => ({
        title: feed.title,
        text: feed.title,
        xmlUrl: base + feed.path,
        htmlUrl: base + feed.site,
        type: 'rss',
        children: [],
      })),
    })),
  });
}

async function readSiteFile(urlPath: string): Promise<{ body: string; latin1: boolean; ext: string } | null> {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  if (clean.split(sep).includes('..')) return null;
  const path = clean.endsWith('/') || clean === '' ? join(clean, 'index.html') : clean;
  const ext = extname(path);
  const latin1Path = `${path.slice(0, -ext.length)}.latin1${ext}`;
  for (const [candidate, latin1] of [
    [path, false],
    [latin1Path, true],
  ] as const) {
    try {
      return { body: await readFile(join(SITE_DIR, candidate), 'utf8'), latin1, ext };
    } catch {
      // Not this one: try the next candidate.
    }
  }
  return null;
}

export interface FixtureServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startFixtureServer(
  options: { port?: number; host?: string } = {},
): Promise<FixtureServer> {
  const host = options.host ?? '127.0.0.1';
  let base = '';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fixture').pathname;
    if (path === '/demo.opml') {
      response.writeHead(200, { 'Content-Type': 'text/x-opml; charset=utf-8' }).end(demoOpml(base));
      return;
    }
    readSiteFile(path).then(
      (file) => {
        if (!file) {
          response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
          return;
        }
        const text = renderTemplate(file.body, base, new Date());
        const charset = file.latin1 ? 'ISO-8859-1' : 'utf-8';
        const type = /\/atom[^/]*\.xml$/.test(path)
          ? 'application/atom+xml'
          : (CONTENT_TYPES[file.ext] ?? 'application/octet-stream');
        response.writeHead(200, {
          'Content-Type': `${type}; charset=${charset}`,
          'Cache-Control': 'no-cache',
        });
        response.end(Buffer.from(text, file.latin1 ? 'latin1' : 'utf8'));
      },
      (error: unknown) => {
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${String(error)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${host}:${port}`;
  return {
    url: base,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
