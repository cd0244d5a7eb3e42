import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsfeed-cli-feed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

async function run(args: string[], stdin = ''): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await runCli(args, {
    stdout,
    stderr: new PassThrough(),
    stdin: Readable.from([Buffer.from(stdin)]),
  });
  const text = Buffer.concat(chunks).toString('utf8');
  return {
    code,
    lines: text
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

const RSS =
  '<rss version="2.0"><channel><title>CLI</title><item><title>One</title><link>/one</link></item></channel></rss>';

describe('newsfeed-parser feed', () => {
  it('prints one JSON line per file, the ParsedFeed plus "file", and exits 0', async () => {
    const feed = file('a.xml', RSS);
    const { code, lines } = await run(['feed', feed, '--url', 'https://cli.example/feed']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      file: feed,
      format: 'rss',
      title: 'CLI',
      items: [{ url: 'https://cli.example/one' }],
    });
    expect(Object.keys(lines[0]!)[0]).toBe('file');
  });

  it('reads stdin for "-" and applies --content-type charset', async () => {
    const { code, lines } = await run(['feed', '-', '--content-type', 'text/xml; charset=utf-8'], RSS);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ file: '-', title: 'CLI' });
  });

  it('reports a failing file on its line, goes on, and exits 1', async () => {
    const html = file(
      'page.html',
      '<html><head><link rel="alternate" type="application/rss+xml" href="/f"></head></html>',
    );
    const good = file('b.xml', RSS);
    const { code, lines } = await run(['feed', html, path.join(dir, 'missing.xml'), good]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ file: html, error: { code: 'NOT_A_FEED', message: expect.any(String) } });
    expect(lines[1]).toMatchObject({ file: path.join(dir, 'missing.xml'), error: { code: 'ENOENT' } });
    expect(lines[2]).toMatchObject({ file: good, title: 'CLI' });
  });

  it('refuses a malformed --max-items as a usage error', async () => {
    const { code } = await run(['feed', file('c.xml', RSS), '--max-items', 'many']);
    expect(code).toBe(2);
  });

  it('reads dates without a zone in --time-zone, and refuses an unknown zone', async () => {
    const zoneless = file(
      'z.xml',
      '<rss version="2.0"><channel><title>Z</title><item><title>A</title><pubDate>Mon, 15 Jul 2024 12:00:00</pubDate></item></channel></rss>',
    );
    const { code, lines } = await run(['feed', zoneless, '--time-zone', 'America/Chicago']);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({
      items: [{ publishedAt: '2024-07-15T17:00:00.000Z' }],
      warnings: [{ code: 'DATE_ZONE_ASSUMED' }],
    });
    expect((await run(['feed', zoneless, '--time-zone', 'Atlantis/Capital'])).code).toBe(2);
  });

  it('reads a device no further than --max-bytes, reports TOO_LARGE and goes on', async () => {
    const good = file('after-zero.xml', RSS);
    const { code, lines } = await run(['feed', '/dev/zero', good, '--max-bytes', '65536']);
    expect(code).toBe(1);
    expect(lines[0]).toEqual({
      file: '/dev/zero',
      error: { code: 'TOO_LARGE', message: expect.any(String) },
    });
    expect(lines[1]).toMatchObject({ file: good, title: 'CLI' });
  });

  it('refuses stdin past --max-bytes', async () => {
    const { code, lines } = await run(['feed', '-', '--max-bytes', '10'], RSS);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ file: '-', error: { code: 'TOO_LARGE' } });
  });

  it('reports an entity bomb on its line (expansion capped) and goes on to the next file', async () => {
    const bomb = file(
      'bomb.xml',
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${'A'.repeat(50_000)}">]><rss version="2.0"><channel><title>B</title><item><title>x</title><description>${'&big;'.repeat(2_000)}</description></item></channel></rss>`,
    );
    const good = file('after-bomb.xml', RSS);
    const { lines } = await run(['feed', bomb, good]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file: bomb, title: 'B' });
    expect((lines[0]!.warnings as { code: string }[]).map((warning) => warning.code)).toContain(
      'ENTITY_EXPANSION_LIMIT',
    );
    expect(lines[1]).toMatchObject({ file: good, title: 'CLI' });
  });
});
