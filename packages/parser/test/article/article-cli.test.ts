import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES } from '../../src/feed/limits.js';
import { runCliInMemory } from '../lib/run-cli-in-memory.js';
import { FIXTURE_DIR, fixtureBytes } from './fixtures.js';

async function run(
  argv: string[],
): Promise<{ code: number; lines: Array<Record<string, unknown>>; stderr: string }> {
  const { code, stdout, stderr } = await runCliInMemory(argv);
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, lines, stderr };
}

const workDir = mkdtempSync(path.join(tmpdir(), 'article-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('newsfeed-parser article', () => {
  const news = path.join(FIXTURE_DIR, 'news-article.html');

  it('prints one JSON line with "file" and the article', async () => {
    const { code, lines } = await run([
      'article',
      news,
      '--url',
      'https://www.coastalcourier.example/news/x',
    ]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      file: news,
      title: 'Harbour bridge reopens after two-year repair',
      url: 'https://www.coastalcourier.example/news/x',
    });
  });

  it('reads .html.gz, uses file:// URLs when --url is omitted, and reports bad inputs per line', async () => {
    const gz = path.join(workDir, 'story.html.gz');
    writeFileSync(gz, gzipSync(fixtureBytes('og-only-article.html')));
    const missing = path.join(workDir, 'missing.html');
    const home = path.join(FIXTURE_DIR, 'error-page.html');
    const { code, lines } = await run(['article', gz, missing, home]);
    expect(code).toBe(1);
    expect(lines.map((line) => line.file)).toEqual([gz, missing, home]);
    expect(lines[0]).toMatchObject({
      url: pathToFileURL(gz).href,
      title: 'Lab grows drought-tolerant wheat',
    });
    expect(lines[1]).toMatchObject({ error: { code: 'ENOENT' } });
    expect(lines[2]).toMatchObject({ article: null });
  });

  it('refuses a gzip bomb (over the byte limit once unpacked) on its line and goes on', async () => {
    const bomb = path.join(workDir, 'bomb.html.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(DEFAULT_MAX_BYTES + 1, 0x20)));
    const home = path.join(FIXTURE_DIR, 'error-page.html');
    const { code, lines } = await run(['article', bomb, home]);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ file: bomb, error: { code: 'ERR_BUFFER_TOO_LARGE' } });
    expect(lines[1]).toMatchObject({ file: home, article: null });
  });

  it('extracts a single file without --url, taking its file:// URL as the page URL', async () => {
    const { code, lines } = await run(['article', news]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      file: news,
      url: pathToFileURL(news).href,
      title: 'Harbour bridge reopens after two-year repair',
    });
  });
});
