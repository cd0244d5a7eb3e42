import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';

async function run(
  argv: string[],
  stdin = '',
): Promise<{ code: number; lines: Array<Record<string, unknown>> }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await runCli(argv, {
    stdout,
    stderr: new PassThrough(),
    stdin: Readable.from([Buffer.from(stdin)]),
  });
  const output = Buffer.concat(chunks).toString('utf8');
  return {
    code,
    lines: output
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

const STORY = [
  'Share this article',
  'Storm closes ports along the Baltic coast',
  'The storm forced the closure of three ports on Tuesday, the maritime authority said.Ferries between Rostock and Gedser were cancelled until further notice.',
  'Source link',
].join('\n');

describe('newsfeed-parser text', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'newsfeed-text-'));
    await writeFile(path.join(directory, 'story.txt'), STORY);
    await writeFile(
      path.join(directory, 'latin1.txt'),
      Buffer.from(
        'Caf\xe9 owners in the old town said on Monday that the new rules would hurt them.',
        'latin1',
      ),
    );
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('prints one JSON line per file with the Article and "file"', async () => {
    const file = path.join(directory, 'story.txt');
    const { code, lines } = await run(['text', file, '--url', 'https://example.com/storm?utm_source=x']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      file,
      title: 'Storm closes ports along the Baltic coast',
      canonicalUrl: 'https://example.com/storm',
      removed: ['Share this article', 'Source link'],
    });
    expect(lines[0]!.paragraphs).toHaveLength(2);
  });

  it('reads stdin for -, reports failures per line and exits 1', async () => {
    const { code, lines } = await run(['text', '-', path.join(directory, 'missing.txt')], STORY);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ file: '-', title: 'Storm closes ports along the Baltic coast' });
    expect(lines[1]).toMatchObject({ file: path.join(directory, 'missing.txt'), error: { code: 'ENOENT' } });
  });

  it('reads a file that is not UTF-8 as Windows-1252, with a warning', async () => {
    const { lines } = await run(['text', path.join(directory, 'latin1.txt')]);
    expect(lines[0]!.text).toMatch(/^Café owners/);
    expect(lines[0]!.warnings).toContainEqual(expect.objectContaining({ code: 'NOT_UTF8' }));
  });
});
