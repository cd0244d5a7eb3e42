import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCliInMemory } from './lib/run-cli-in-memory.js';

const run = runCliInMemory;

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('newsfeed-parser --version and --help', () => {
  it('prints the package version for --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const { code, stdout } = await run([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${manifest.version}\n`);
    }
  });

  it('prints the usage with every command for --help, to stdout, exit 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const command of ['feed', 'article', 'text']) expect(stdout).toContain(`  ${command} `);
    expect(stdout).toContain('--version');
  });

  it('prints one command help for "<command> --help" without reading files', async () => {
    const { code, stdout } = await run(['article', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('article FILE... [--url URL]');
  });

  it('prints the usage to stderr with exit 2 when no command is given', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: newsfeed-parser');
  });
});
