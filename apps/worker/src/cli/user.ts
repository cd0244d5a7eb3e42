import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createDb, type UserRole } from '@newsfeed/db';
import { UsageError } from './io.js';

// `user add NAME [--admin]`, `user list`, `user remove NAME`. The password comes from standard input
// (a prompt without echo on a terminal), never from argv, where `ps` and shell history would show it.

export const USER_USAGE = `Usage: newsfeed-worker user <add NAME [--admin] | list | remove NAME>
  add NAME [--admin]  create an account; the password is read from standard input (first line)
  list                names, roles and creation dates
  remove NAME         delete an account with its sessions and read/saved state`;

/** The first line of `input`; on a terminal it is typed after a prompt and not echoed. */
export async function readPassword(input: Readable & { isTTY?: boolean }, prompt: string): Promise<string> {
  const terminal = input.isTTY === true;
  const lines = createInterface({ input, output: terminal ? process.stderr : undefined, terminal });
  if (terminal) {
    process.stderr.write(prompt);
    // Keep the typed characters off the screen.
    (lines as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
  }
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
    if (terminal) process.stderr.write('\n');
  }
}

export async function runUserCommand(
  args: string[],
  databaseUrl: string,
  out: (line: string) => void,
  input: Readable & { isTTY?: boolean } = process.stdin,
): Promise<number> {
  const [action, name, ...flags] = args;
  const known = flags.every((flag) => flag === '--admin');
  if (
    !known ||
    (action === 'add' && !name) ||
    (action === 'remove' && (!name || flags.length > 0)) ||
    (action === 'list' && args.length > 1) ||
    !['add', 'list', 'remove'].includes(action ?? '')
  )
    throw new UsageError(USER_USAGE);
  const db = await createDb(databaseUrl);
  try {
    if (action === 'list') {
      for (const user of await db.users.list()) out(`${user.name}  ${user.role}  created ${user.createdAt}`);
      return 0;
    }
    if (action === 'remove') {
      if (!(await db.users.remove(name!))) {
        out(`no user named ${name}`);
        return 1;
      }
      out(`removed ${name}`);
      return 0;
    }
    const role: UserRole = flags.includes('--admin') ? 'admin' : 'reader';
    const password = await readPassword(input, `Password for ${name}: `);
    const user = await db.users.add({ name: name!, password, role });
    out(`added ${user.name} (${user.role})`);
    return 0;
  } finally {
    await db.close();
  }
}
