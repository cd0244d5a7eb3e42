// The clustering benchmark's worker path: the headlines served as one RSS feed per publisher from a
// loopback HTTP server (port 0), subscribed in a fresh SQLite database, polled by the real CLI
// (`node apps/worker/dist/main.js once`), then every item's story read back from the database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '@newsfeed/db';
import BetterSqlite3 from 'better-sqlite3';
import type { ClusterDoc } from '../../apps/worker/src/cluster/rule/index.js';
import { REPO_ROOT } from './corpus-dir.js';
import type { Headline } from './headline-corpus.js';

interface StoredItem {
  id: number;
  guid: string | null;
  story_id: number | null;
  feed_id: number;
  title: string;
  content_text: string | null;
  language: string | null;
  published_at: number | null;
  first_seen_at: number;
  simhash: string | null;
}

const MAIN = path.join(REPO_ROOT, 'apps/worker/dist/main.js');

/**
 * The command that assigns stories once the poll has written the items. Today clustering runs inside
 * `once`'s ingest, so there is no separate step (null); a build with a separate clusterer command
 * names it here, e.g. ['cluster'].
 */
const CLUSTER_STEP: string[] | null = null;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function feedXml(publisher: string, headlines: readonly Headline[], origin: string): string {
  const items = headlines.map((headline) => {
    // The article's path kept, its host replaced: nothing the worker might fetch leaves the machine.
    const articlePath = headline.url.replace(/^https?:\/\/[^/]+/i, '') || '/';
    return `<item><title>${escapeXml(headline.title)}</title><link>${escapeXml(`${origin}/article${articlePath}`)}</link><guid isPermaLink="false">${headline.id}</guid><pubDate>${new Date(headline.timestamp).toUTCString()}</pubDate></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(publisher)}</title><link>${origin}/</link><description>${escapeXml(publisher)}</description>${items.join('\n')}</channel></rss>`;
}

async function runCli(databaseUrl: string, args: string[]): Promise<string> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      WORKER_SEED_OPML: 'none',
      WORKER_FULL_TEXT: 'off',
      WORKER_ALLOWED_ADDRESSES: '127.0.0.1',
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`worker ${args.join(' ')} failed (exit ${code}):\n${stderr.slice(-2000)}`);
  return stderr;
}

export interface WorkerPathResult {
  /** Each headline's story id in the database (by CSV ID); an item without one stands alone. */
  stories: Map<number, number>;
  /** The stored items in id order, as the clusterer stage hands them to the rule (by CSV ID). */
  docs: ClusterDoc[];
  csvIdOf: Map<number, number>;
}

/** Polls the headlines through the worker and reads back what it stored. */
export async function clusterThroughWorker(headlines: readonly Headline[]): Promise<WorkerPathResult> {
  const byPublisher = new Map<string, Headline[]>();
  for (const headline of headlines) {
    const list = byPublisher.get(headline.publisher) ?? [];
    list.push(headline);
    byPublisher.set(headline.publisher, list);
  }
  const publishers = [...byPublisher.keys()].sort();
  const server = createServer((request, response) => {
    const match = /^\/feeds\/(\d+)\.xml$/.exec(request.url ?? '');
    const publisher = match ? publishers[Number(match[1])] : undefined;
    if (!publisher) {
      response.writeHead(404).end();
      return;
    }
    const { port } = server.address() as AddressInfo;
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    response.end(feedXml(publisher, byPublisher.get(publisher) ?? [], `http://127.0.0.1:${port}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dir = mkdtempSync(path.join(tmpdir(), 'clustering-bench-'));
  const file = path.join(dir, 'clustering.db');
  const databaseUrl = `file:${file}`;
  try {
    const db = await createDb(databaseUrl);
    for (const [index] of publishers.entries()) {
      await db.feeds.add({ url: `http://127.0.0.1:${port}/feeds/${index}.xml` });
    }
    await db.close();
    const summary = await runCli(databaseUrl, ['once']);
    console.log(`  worker once: ${summary.trim().split('\n').at(-1)}`);
    if (CLUSTER_STEP) await runCli(databaseUrl, CLUSTER_STEP);
    const sqlite = new BetterSqlite3(file, { readonly: true });
    const rows = sqlite
      .prepare(
        `SELECT id, guid, story_members.story_id, feed_id, title, content_text, language, published_at,
           first_seen_at, simhash
         FROM items LEFT JOIN story_members ON story_members.item_id = items.id ORDER BY id`,
      )
      .all() as StoredItem[];
    sqlite.close();
    return {
      // An item without a story stands alone (a distinct negative label, never shared).
      stories: new Map(rows.map((row) => [Number(row.guid), row.story_id ?? -row.id])),
      docs: rows.map((row) => ({
        id: row.id,
        feedId: row.feed_id,
        title: row.title,
        text: row.content_text,
        language: row.language,
        publishedAt: row.published_at,
        firstSeenAt: row.first_seen_at,
        simhash: row.simhash,
      })),
      csvIdOf: new Map(rows.map((row) => [row.id, Number(row.guid)])),
    };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
