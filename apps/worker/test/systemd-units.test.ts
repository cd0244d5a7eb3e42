import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The shipped systemd units pass `systemd-analyze verify` without a warning (a misspelt hardening
// option is only a warning to systemd, and silently not applied).

const UNITS_DIR = fileURLToPath(new URL('../../../deploy/systemd/', import.meta.url));
const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
const skipReason = probe.error ? `systemd-analyze is not available (${probe.error.message})` : '';
if (skipReason) console.warn(`Skipping the systemd unit checks: ${skipReason}`);

const units = readdirSync(UNITS_DIR).filter((name) => name.endsWith('.service'));

describe.skipIf(skipReason !== '')('deploy/systemd units', () => {
  it('ships a web unit and a worker template', () => {
    expect(units.sort()).toEqual(['newsfeed-web.service', 'newsfeed-worker@.service']);
  });

  it.each(units)('%s passes systemd-analyze verify with no warning', (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'newsfeed-units-'));
    try {
      // A template is verified as an instance; node is wherever this machine has it.
      const file = join(dir, name.replace('@.service', '@1.service'));
      writeFileSync(
        file,
        readFileSync(join(UNITS_DIR, name), 'utf8').replaceAll('/usr/bin/node', process.execPath),
      );
      const result = spawnSync('systemd-analyze', ['verify', '--man=no', file], {
        encoding: 'utf8',
        cwd: dir,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents every variable of the example environment file in a unit or the README', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(join(UNITS_DIR, 'newsfeed.env.example'), 'utf8');
    const names = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((variable) => !readme.includes(`| \`${variable}\` |`))).toEqual([]);
  });
});
