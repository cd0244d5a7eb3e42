import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDb } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startBuiltApp, WEB_DIR } from '../support/next-server';
import { seedTestDatabase } from '../support/seed';

// A real reader app against the built web app: newsboat 2.21's `feedhq` source speaks the Google
// Reader API (ClientLogin, subscription/list, reader/atom/<feed>, token, edit-tag). It reloads and
// counts unread items; items marked read through the API then show as read in newsboat, and a feed an
// admin subscribes through the API (subscription/quickadd) shows up in newsboat's feed list.

const run = promisify(execFile);
const NEWSBOAT = process.env.NEWSBOAT_PATH ?? '/usr/bin/newsboat';
const skipReason =
  existsSync(NEWSBOAT) || process.env.CI ? null : `no newsboat at ${NEWSBOAT} (apt-get install newsboat)`;
if (skipReason) console.warn(`[@newsfeed/web] SKIPPING the newsboat test: ${skipReason}`);

const DIR = join(WEB_DIR, 'test-output', 'newsboat');
const PASSWORD = 'newsboat test password';
const READ = 'user/-/state/com.google/read';
const NEWSBOAT_TIMEOUT_MS = 120_000;

let app: RunningApp;
let auth: string;

async function newsboat(...commands: string[]): Promise<string> {
  const { stdout } = await run(
    NEWSBOAT,
    ['-c', join(DIR, 'cache.db'), '-C', join(DIR, 'config'), '-u', join(DIR, 'urls'), ...commands],
    { env: { ...process.env, HOME: DIR, LANG: 'C.UTF-8' }, timeout: NEWSBOAT_TIMEOUT_MS },
  );
  return stdout;
}

async function newsboatUnread(): Promise<number> {
  const stdout = await newsboat('-x', 'reload', 'print-unread');
  const count = /(\d+) unread articles?/.exec(stdout);
  if (!count) throw new Error(`newsboat printed no unread count:\n${stdout}`);
  return Number(count[1]);
}

async function signIn(name: string): Promise<string> {
  const login = await fetch(`${app.url}/api/greader.php/accounts/ClientLogin`, {
    method: 'POST',
    body: new URLSearchParams({ Email: name, Passwd: PASSWORD }),
  });
  return /^Auth=(.+)$/m.exec(await login.text())![1]!;
}

async function api(path: string, init: RequestInit = {}, token = auth): Promise<Response> {
  const response = await fetch(`${app.url}/api/greader.php${path}`, {
    ...init,
    headers: { Authorization: `GoogleLogin auth=${token}`, ...(init.headers ?? {}) },
  });
  expect(response.status, path).toBe(200);
  return response;
}

async function serverUnread(): Promise<number> {
  const body = await (await api('/reader/api/0/unread-count?output=json')).json();
  return body.unreadcounts.find((row: { id: string }) => row.id === 'user/-/state/com.google/reading-list')
    .count;
}

describe.skipIf(skipReason !== null)('newsboat (feedhq source) against the Google Reader API', () => {
  beforeAll(async () => {
    await rm(DIR, { recursive: true, force: true });
    await mkdir(DIR, { recursive: true });
    const databaseUrl = `file:${join(DIR, 'newsfeed.db')}`;
    await seedTestDatabase(databaseUrl);
    const db = await createDb(databaseUrl);
    await db.users.add({ name: 'reader', password: PASSWORD });
    await db.users.add({ name: 'editor', password: PASSWORD, role: 'admin' });
    await db.close();
    app = await startBuiltApp({ DATABASE_URL: databaseUrl });
    await writeFile(join(DIR, 'password'), `${PASSWORD}\n`);
    await writeFile(join(DIR, 'urls'), '');
    await writeFile(
      join(DIR, 'config'),
      [
        'urls-source "feedhq"',
        `feedhq-url "${app.url}/api/greader.php"`,
        'feedhq-login "reader"',
        `feedhq-passwordfile "${join(DIR, 'password')}"`,
        'feedhq-min-items 1000',
        'download-retries 2',
        '',
      ].join('\n'),
    );
    auth = await signIn('reader');
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it(
    'reloads every unread item, then sees the items marked read through the API as read',
    async () => {
      const unreadAtStart = await serverUnread();
      expect(unreadAtStart).toBeGreaterThan(5);
      expect(await newsboatUnread()).toBe(unreadAtStart);

      const { itemRefs } = await (
        await api('/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=5')
      ).json();
      const T = await (await api('/reader/api/0/token')).text();
      const form = new URLSearchParams([
        ['a', READ],
        ['T', T],
      ]);
      for (const ref of itemRefs) form.append('i', ref.id);
      expect(await (await api('/reader/api/0/edit-tag', { method: 'POST', body: form })).text()).toBe('OK');
      expect(await serverUnread()).toBe(unreadAtStart - 5);

      expect(await newsboatUnread()).toBe(unreadAtStart - 5);
    },
    2 * NEWSBOAT_TIMEOUT_MS + 30_000,
  );

  it(
    'lists a feed an admin subscribed through the API',
    async () => {
      const added = 'https://added-through-the-api.example.org/feed.xml';
      expect(await newsboat('-e')).not.toContain('added-through-the-api');
      const editor = await signIn('editor');
      const T = await (await api('/reader/api/0/token', {}, editor)).text();
      const response = await api(
        '/reader/api/0/subscription/quickadd',
        { method: 'POST', body: new URLSearchParams({ quickadd: added, T }) },
        editor,
      );
      expect((await response.json()).streamId).toBe(`feed/${added}`);
      await newsboat('-x', 'reload');
      expect(await newsboat('-e')).toContain(encodeURIComponent(added));
    },
    3 * NEWSBOAT_TIMEOUT_MS,
  );
});
