import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '../src/env.js';
import { ParsePool } from '../src/isolate/parse-pool.js';
import { silentLogger } from '../src/observe/logger.js';
import { FullTextFetcher } from '../src/pipeline/full-text.js';
import { httpClientFor } from '../src/runtime.js';
import { longText, TEST_ENV } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// The full-text cache is bounded by bytes as well as by URLs: long pages push older ones out.
const server = new TestServer();
const page = (title: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${longText(
    title,
    400,
  )
    .split(/(?<=\.)\s+/)
    .map((sentence) => `<p>${sentence}</p>`)
    .join('')}</article></body></html>`;

beforeAll(async () => {
  for (const name of ['first', 'second']) {
    server.route(`/${name}`, (_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(`The ${name} article about the harbour strike`));
    });
  }
  await server.start();
});
const parsers = new ParsePool({ threads: 1, heapMb: 96, timeoutMs: 15_000 });
afterAll(async () => {
  await parsers.close();
  await server.stop();
});

function fetcher(maxBytes: number): FullTextFetcher {
  const config = loadWorkerConfig({ ...TEST_ENV, DATABASE_URL: 'file::memory:' });
  return new FullTextFetcher(httpClientFor(config), parsers, 100, silentLogger(), maxBytes);
}

describe('FullTextFetcher cache', () => {
  it('keeps only the fields the pipeline reads', async () => {
    const { article } = await fetcher(1024 * 1024).fetch(server.url('/first'));
    expect(article?.text).toMatch(/harbour strike/);
    expect(Object.keys(article ?? {}).sort()).toEqual(
      [
        'canonicalUrl',
        'contentHtml',
        'language',
        'leadImageUrl',
        'publishedAt',
        'text',
        'title',
        'wire',
      ].sort(),
    );
  });

  it('remembers pages while they fit in the byte budget', async () => {
    const cache = fetcher(1024 * 1024);
    const before = server.hitsOf('/first');
    expect((await cache.fetch(server.url('/first'))).fetched).toBe(true);
    expect((await cache.fetch(server.url('/second'))).fetched).toBe(true);
    expect((await cache.fetch(server.url('/first'))).fetched).toBe(false);
    expect(server.hitsOf('/first')).toBe(before + 1);
  });

  it('forgets the oldest page when a newer one does not fit beside it', async () => {
    // Each page's text is a few KB: a 4 KB budget holds one of them, not two.
    const cache = fetcher(4 * 1024);
    const before = server.hitsOf('/first');
    await cache.fetch(server.url('/first'));
    await cache.fetch(server.url('/second'));
    const again = await cache.fetch(server.url('/first'));
    expect(again.fetched).toBe(true);
    expect(again.article?.text).toMatch(/first article/);
    expect(server.hitsOf('/first')).toBe(before + 2);
  });
});
