// The install footprint of @newsfeed/parser, for the feed/text/url entries (optional peers left out)
// and with jsdom and Readability for articles: `pnpm pack`, then `npm install` of the tarball into an
// empty folder. Also checks that /feed works there and /article names the missing peer.
//
//   npx tsx bench/parser-footprint.ts   (from the repository root; needs the parser built)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './lib/corpus-dir.js';

const PARSER_DIR = path.join(REPO_ROOT, 'packages/parser');
const manifest = JSON.parse(readFileSync(path.join(PARSER_DIR, 'package.json'), 'utf8')) as {
  name: string;
  peerDependencies: Record<string, string>;
};
const work = mkdtempSync(path.join(tmpdir(), 'parser-footprint-'));

function walk(dir: string): { packages: number; bytes: number } {
  let packages = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      const inner = walk(full);
      packages += inner.packages;
      bytes += inner.bytes;
    } else if (entry.isFile()) {
      bytes += statSync(full).size;
      // A package is a folder with a package.json directly under some node_modules/(@scope/).
      if (entry.name === 'package.json' && /node_modules[\\/](@[^\\/]+[\\/])?[^\\/@]+$/.test(dir))
        packages += 1;
    }
  }
  return { packages, bytes };
}

function install(name: string, extra: string[]): { packages: number; mib: number; dir: string } {
  const dir = path.join(work, name);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `footprint-${name}`, private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...extra], {
    cwd: dir,
    stdio: 'inherit',
  });
  const { packages, bytes } = walk(path.join(dir, 'node_modules'));
  return { packages, mib: bytes / 1024 / 1024, dir };
}

try {
  const rootManifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    packageManager: string;
  };
  execFileSync('npx', ['-y', rootManifest.packageManager, 'pack', '--pack-destination', work], {
    cwd: PARSER_DIR,
    stdio: 'ignore',
  });
  const tarball = path.join(work, readdirSync(work).find((file) => file.endsWith('.tgz'))!);
  const tarballKib = statSync(tarball).size / 1024;
  const peers = Object.entries(manifest.peerDependencies).map(([name, range]) => `${name}@${range}`);
  const feedOnly = install('feed-only', ['--omit=peer', tarball]);
  const full = install('with-peers', [tarball, ...peers]);

  const check = (script: string) =>
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: feedOnly.dir,
      encoding: 'utf8',
    }).trim();
  const feedTitle = check(
    `const { parseFeed } = await import('${manifest.name}/feed');
     console.log((await parseFeed('<rss version="2.0"><channel><title>ok</title></channel></rss>')).title);`,
  );
  const articleError = check(
    `const { extractArticle } = await import('${manifest.name}/article');
     const story = '<p>' + 'The council voted on the harbour bridge budget today. '.repeat(20) + '</p>';
     try { await extractArticle('<article>' + story.repeat(5) + '</article>', { url: 'https://a.example/news/bridge' }); console.log('no error'); }
     catch (error) { console.log(error.name + ': ' + error.message); }`,
  );

  console.log(
    `tarball: ${tarballKib.toFixed(0)} KiB; node ${process.version}; npm ${execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()}`,
  );
  console.log('| install | packages | MiB of files |');
  console.log('|---|---:|---:|');
  console.log(
    `| feed-only (\`npm install --omit=peer\`) | ${feedOnly.packages} | ${feedOnly.mib.toFixed(1)} |`,
  );
  console.log(`| with ${peers.join(', ')} | ${full.packages} | ${full.mib.toFixed(1)} |`);
  console.log(`feed-only install, /feed: title "${feedTitle}"`);
  console.log(`feed-only install, /article: ${articleError}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
