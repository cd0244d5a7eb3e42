import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, type CliResult, MAIN } from './helpers/cli.js';
import { TEST_ENV } from './helpers/harness.js';

// `user add/list/remove` as a process: the password goes in on stdin, never on the command line.

let dir: string;
let env: Record<string, string>;

function run(args: string[], stdin = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdin.end(stdin);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nf-user-cli-'));
  env = { ...TEST_ENV, DATABASE_URL: `file:${join(dir, 'users.db')}`, LOG_LEVEL: 'silent' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('user command', () => {
  it(
    'adds accounts with the password from stdin, lists and removes them',
    async () => {
      const added = await run(['user', 'add', 'Ann', '--admin'], 'open sesame\n');
      expect(added).toMatchObject({ code: 0 });
      expect(added.stdout).toContain('added Ann (admin)');
      expect((await run(['user', 'add', 'bob'], 'hunter2hunter2\n')).code).toBe(0);

      const taken = await run(['user', 'add', 'ANN'], 'another password\n');
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/taken/);
      const short = await run(['user', 'add', 'carol'], 'short\n');
      expect(short.code).toBe(1);
      expect(short.stderr).toMatch(/password has 8/);

      const listed = await run(['user', 'list']);
      expect(listed.stdout).toMatch(/^Ann {2}admin {2}created .*\nbob {2}reader {2}created /);

      const db = await createDb(env.DATABASE_URL);
      try {
        expect((await db.users.authenticate('ann', 'open sesame'))?.role).toBe('admin');
        expect(await db.users.authenticate('bob', 'open sesame')).toBeNull();
      } finally {
        await db.close();
      }

      expect((await run(['user', 'remove', 'bob'])).stdout).toContain('removed bob');
      expect((await run(['user', 'remove', 'bob'])).code).toBe(1);
      expect((await run(['user', 'frobnicate'])).code).toBe(2);
      expect((await run(['user', 'add', 'x', '--password=secret'])).code).toBe(2);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
