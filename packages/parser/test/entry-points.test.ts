import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { requirePeer } from '../src/article/dom-libraries.js';
import { MissingPeerDependencyError } from '../src/article/index.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
};
const ENTRIES = Object.keys(manifest.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
const HEAVY = ['/jsdom/', '/@mozilla/readability/'];

const workDir = mkdtempSync(path.join(tmpdir(), 'parser-entries-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// An ESM resolve hook logs every module the import graph reaches; CommonJS `require` calls are
// read from the CommonJS cache, so both ways of loading a package are seen.
const HOOKS = path.join(workDir, 'log-resolutions.mjs');
writeFileSync(
  HOOKS,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.RESOLUTION_LOG, result.url + '\\n');
  return result;
}`,
);
const REGISTER = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(pathToFileURL(HOOKS).href)})`;

/** Every module URL or file a fresh Node process loads for `body` (ESM source, run in the package). */
function loadedModules(body: string): string[] {
  const log = path.join(workDir, `log-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const script = `${body}
    const { Module } = await import('node:module');
    console.log(JSON.stringify(Object.keys(Module._cache)));`;
  const output = execFileSync(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', script], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, RESOLUTION_LOG: log },
    encoding: 'utf8',
  });
  const required = JSON.parse(output.trim().split('\n').at(-1)!) as string[];
  const resolved = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return [...resolved, ...required].map((entry) => entry.replaceAll('\\', '/'));
}

const heavyIn = (modules: string[]) =>
  HEAVY.filter((name) => modules.some((module) => module.includes(name)));

describe('entry points', () => {
  it.each(ENTRIES)('importing %s does not load jsdom or Readability', (entry) => {
    const modules = loadedModules(`await import(${JSON.stringify(entry)});`);
    expect(modules.some((module) => module.includes('/dist/'))).toBe(true);
    expect(heavyIn(modules)).toEqual([]);
  });

  it('importing /feed leaves xml2js (the tolerant pass only) unloaded until a malformed feed needs it', () => {
    const isXml2js = (module: string) => module.includes('/xml2js/');
    expect(loadedModules(`await import('${manifest.name}/feed');`).filter(isXml2js)).toEqual([]);
    const modules = loadedModules(`
      const { parseFeed } = await import('${manifest.name}/feed');
      const feed = await parseFeed('<rss version="2.0"><channel><title a=b>T</title></channel></rss>');
      if (!feed.warnings.some((warning) => warning.message.includes('tolerant'))) throw new Error('not the tolerant pass');`);
    expect(modules.some(isXml2js)).toBe(true);
  });

  it('extractArticle loads jsdom and Readability on its first call (so the check above can see them)', () => {
    const modules = loadedModules(`
      const { extractArticle } = await import('${manifest.name}/article');
      const paragraph = '<p>' + 'The council voted on the new harbour bridge budget today. '.repeat(20) + '</p>';
      await extractArticle('<html><body><article>' + paragraph.repeat(5) + '</article></body></html>', { url: 'https://news.example/a' });`);
    expect(heavyIn(modules)).toEqual(HEAVY);
  });

  it('a missing optional peer is a MissingPeerDependencyError naming the package', () => {
    let caught: unknown;
    try {
      requirePeer('@newsfeed/no-such-peer', 'extractArticle');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingPeerDependencyError);
    expect(caught).toMatchObject({ code: 'MISSING_PEER_DEPENDENCY', packageName: '@newsfeed/no-such-peer' });
    expect((caught as Error).message).toContain('npm install @newsfeed/no-such-peer');
  });

  it('the feed CLI command does not load jsdom, Readability or the article code', () => {
    const feed = path.join(workDir, 'feed.xml');
    writeFileSync(
      feed,
      '<rss version="2.0"><channel><title>T</title><item><title>A</title></item></channel></rss>',
    );
    const modules = loadedModules(`
      const { runCli } = await import(${JSON.stringify(pathToFileURL(path.join(PACKAGE_DIR, 'dist/cli/run-cli.js')).href)});
      const { PassThrough } = await import('node:stream');
      const sink = new PassThrough();
      sink.resume();
      const code = await runCli(['feed', ${JSON.stringify(feed)}], { stdout: sink, stderr: sink, stdin: new PassThrough() });
      if (code !== 0) throw new Error('feed exited ' + code);`);
    expect(heavyIn(modules)).toEqual([]);
    expect(modules.filter((module) => module.includes('/dist/article/'))).toEqual([]);
    expect(modules.some((module) => module.includes('/dist/feed/parse-feed.js'))).toBe(true);
  });
});
