// The benchmark's publishers: N feeds generated from the real-world feed corpus (each item a mix
// of real titles and sentences, so texts are distinct and sizes realistic), served over HTTP from
// 64 loopback addresses (64 "hosts", so per-host politeness applies as on the internet), with
// ETags; `changeShare` of the feeds gain new items each round.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseFeed } from '@newsfeed/parser';
// Deterministic, so every run serves the same bytes.
import { prng } from './synthetic-corpus.js';

export const BENCH_HOSTS = 64;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface CorpusPool {
  titles: string[];
  titleWords: string[];
  sentences: string[];
  /** Items per feed in the corpus, to give generated feeds the same spread. */
  itemCounts: number[];
  bytes: number;
}

/** Titles and sentences of every feed in the real-world corpus. */
export async function loadCorpusPool(dir: string): Promise<CorpusPool> {
  const pool: CorpusPool = { titles: [], titleWords: [], sentences: [], itemCounts: [], bytes: 0 };
  for (const name of readdirSync(dir).filter((file) => /\.(rss|atom|xml)$/.test(file))) {
    const body = readFileSync(path.join(dir, name));
    pool.bytes += body.length;
    try {
      const feed = await parseFeed(body, { url: `https://corpus.example/${name}` });
      pool.itemCounts.push(feed.items.length);
      for (const item of feed.items) {
        if (item.title) {
          pool.titles.push(item.title);
          pool.titleWords.push(...item.title.split(/\s+/).filter((word) => word.length > 2));
        }
        const text = `${item.contentText ?? ''}\n${item.summary ?? ''}`;
        for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
          if (sentence.split(/\s+/).length >= 6) pool.sentences.push(sentence.trim());
        }
      }
    } catch {
      // A corpus file the parser refuses is simply not used here; bench/feeds.ts reports those.
    }
  }
  return pool;
}

interface FeedState {
  version: number;
  /** Requests for this feed since the last `resetHits`, to check each feed is polled once per round. */
  hits: number;
}

export class BenchFeedServer {
  private readonly servers: Server[] = [];
  private readonly feeds: FeedState[];
  port = 0;
  requests = 0;
  notModified = 0;

  constructor(
    private readonly pool: CorpusPool,
    readonly count: number,
  ) {
    this.feeds = Array.from({ length: count }, () => ({ version: 0, hits: 0 }));
  }

  url(index: number): string {
    return `http://127.0.0.${1 + (index % BENCH_HOSTS)}:${this.port}/feeds/${index}.xml`;
  }

  /** Gives `share` of the feeds (spread evenly) one to three new items. */
  change(share: number, round: number): number {
    const random = prng(round * 7919);
    let changed = 0;
    for (const feed of this.feeds) {
      if (random() < share) {
        feed.version += 1;
        changed++;
      }
    }
    return changed;
  }

  /** The feed's RSS for its current version: the newest items first, older ones rolling off. */
  render(index: number): string {
    const { version } = this.feeds[index]!;
    const itemCount = Math.max(
      5,
      Math.min(25, this.pool.itemCounts[index % this.pool.itemCounts.length] ?? 10),
    );
    const items: string[] = [];
    for (let slot = 0; slot < itemCount; slot++) {
      // Item number `serial` is the same item in every version that still lists it.
      const serial = version * 2 + itemCount - slot;
      const random = prng(index * 100_003 + serial);
      // Titles drawn word by word from the corpus titles: distinct, as different stories' titles are.
      const titleWords = Array.from(
        { length: 6 + Math.floor(random() * 5) },
        () => this.pool.titleWords[Math.floor(random() * this.pool.titleWords.length)]!,
      );
      const title = `${titleWords.join(' ')} (${index}-${serial})`;
      // Two to six paragraphs of two to five corpus sentences: distinct texts of news-item size.
      const sentence = () => this.pool.sentences[Math.floor(random() * this.pool.sentences.length)]!;
      const paragraphs = Array.from(
        { length: 2 + Math.floor(random() * 5) },
        () => `<p>${escapeXml(Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' '))}</p>`,
      ).join('');
      const published = new Date(
        Date.UTC(2026, 10, 1) + serial * 3_600_000 * (1 + (index % 5)),
      ).toUTCString();
      items.push(
        `<item><title>${escapeXml(title)}</title><link>https://publisher${index % BENCH_HOSTS}.example/${index}/${serial}</link><guid isPermaLink="false">${index}-${serial}</guid><pubDate>${published}</pubDate><description><![CDATA[${paragraphs}]]></description></item>`,
      );
    }
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${index}</title><link>https://publisher${index % BENCH_HOSTS}.example/</link><description>Generated from the real-world corpus</description>${items.join('\n')}</channel></rss>`;
  }

  versionOf(index: number): number {
    return this.feeds[index]?.version ?? 0;
  }

  /** Serves the version an earlier run left a feed at (read back from the ETag stored for it). */
  setVersion(index: number, version: number): void {
    const feed = this.feeds[index];
    if (feed) feed.version = version;
  }

  /** Feed index and version an ETag of this server names, or null. */
  static parseEtag(etag: string | null): { index: number; version: number } | null {
    const match = /^"(\d+)-(\d+)"$/.exec(etag ?? '');
    return match ? { index: Number(match[1]), version: Number(match[2]) } : null;
  }

  resetHits(): void {
    for (const feed of this.feeds) feed.hits = 0;
  }

  /** How many feeds were requested 0, 1, 2… times since `resetHits` (index = requests). */
  hitHistogram(): number[] {
    const histogram: number[] = [];
    for (const feed of this.feeds) histogram[feed.hits] = (histogram[feed.hits] ?? 0) + 1;
    return Array.from(histogram, (count) => count ?? 0);
  }

  async start(port = 0): Promise<void> {
    this.port = port;
    const handler = (
      request: import('node:http').IncomingMessage,
      response: import('node:http').ServerResponse,
    ) => {
      this.requests++;
      const match = /^\/feeds\/(\d+)\.xml$/.exec(request.url ?? '');
      const index = match ? Number(match[1]) : -1;
      const feed = this.feeds[index];
      if (!feed) {
        response.writeHead(404).end();
        return;
      }
      feed.hits++;
      const etag = `"${index}-${feed.version}"`;
      if (request.headers['if-none-match'] === etag) {
        this.notModified++;
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
      response.end(this.render(index));
    };
    for (let host = 0; host < BENCH_HOSTS; host++) {
      const server = createServer({ keepAlive: true }, handler);
      await new Promise<void>((resolve) => server.listen(this.port, `127.0.0.${1 + host}`, resolve));
      // Every address on the port the first one got.
      if (host === 0) this.port = (server.address() as AddressInfo).port;
      this.servers.push(server);
    }
  }

  async stop(): Promise<void> {
    for (const server of this.servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }
}
