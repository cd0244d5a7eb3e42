#!/usr/bin/env node
// The README's commands run on a machine with only Node.js and npm. This launcher brings in the
// pinned pnpm through npx (nothing global), installs the workspace when the lockfile or a manifest
// changed since the last install, then hands its arguments to pnpm.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const PNPM = ['-y', `pnpm@${PNPM_VERSION}`];
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const STAMP = join(ROOT, 'node_modules', '.newsfeed-install-stamp');
const WORKSPACE_DIRS = ['apps', 'packages'];

function manifestFiles() {
  const files = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];
  for (const dir of WORKSPACE_DIRS) {
    if (!existsSync(join(ROOT, dir))) continue;
    for (const name of readdirSync(join(ROOT, dir))) files.push(join(dir, name, 'package.json'));
  }
  return files.filter((file) => existsSync(join(ROOT, file)));
}

function installFingerprint() {
  const hash = createHash('sha256');
  for (const file of manifestFiles()) hash.update(file).update(readFileSync(join(ROOT, file)));
  return hash.digest('hex');
}

function ensureInstalled() {
  const fingerprint = installFingerprint();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint) return;
  const frozen = process.env.CI && existsSync(join(ROOT, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  console.log(`newsfeed: installing dependencies with pnpm ${PNPM_VERSION}…`);
  const result = spawnSync(NPX, [...PNPM, 'install', ...frozen], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, installFingerprint());
}

ensureInstalled();
// The aggregator's SQLite file lives under the repository's ./data whichever package runs it.
const env = { ...process.env };
env.DATABASE_URL ||= `file:${join(ROOT, 'data', 'newsfeed.db')}`;
const child = spawn(NPX, [...PNPM, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 1 : 1)));
