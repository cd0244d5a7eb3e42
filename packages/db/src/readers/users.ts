import type { Kysely } from 'kysely';
import { DbError } from '../errors.js';
import type { Database } from '../schema/schema.js';
import { toIso } from '../sql/time.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from './password-hash.js';

// Reader accounts. Passwords never leave this module except as scrypt hashes.

export type UserRole = 'admin' | 'reader';

export interface User {
  id: number;
  name: string;
  role: UserRole;
  createdAt: string;
}

export const MAX_USER_NAME_LENGTH = 64;
export const MIN_PASSWORD_LENGTH = 8;
const USER_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]*$/u;

export interface UsersApi {
  /** Adds an account; a name already taken (in any letter case) is a DbError with code CONSTRAINT_VIOLATION. */
  add(user: { name: string; password: string; role?: UserRole }): Promise<User>;
  list(): Promise<User[]>;
  get(id: number): Promise<User | null>;
  getByName(name: string): Promise<User | null>;
  /** Removes an account with its sessions and state; whether it existed. */
  remove(name: string): Promise<boolean>;
  /** The user when name and password match, else null (as slowly for an unknown name). */
  authenticate(name: string, password: string): Promise<User | null>;
}

/** The name as compared for uniqueness and sign-in. */
export function userNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/** Why a new account's name or password is refused, or null. */
export function accountProblem(name: string, password: string): string | null {
  if (name.length === 0 || name.length > MAX_USER_NAME_LENGTH || !USER_NAME.test(name.normalize('NFKC')))
    return `a user name is 1 to ${MAX_USER_NAME_LENGTH} letters, digits, ".", "_", "@" or "-", starting with a letter or digit`;
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    return `a password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

type UserRow = Pick<Database['users'], 'name' | 'role' | 'created_at'> & { id: number };

function toUser(row: UserRow): User {
  return { id: Number(row.id), name: row.name, role: row.role, createdAt: toIso(Number(row.created_at)) };
}

let dummyHash: Promise<string> | undefined;

export function createUsersApi(kysely: Kysely<Database>): UsersApi {
  const columns = ['id', 'name', 'role', 'created_at'] as const;
  const byName = (name: string) => kysely.selectFrom('users').where('name_key', '=', userNameKey(name));
  const api: UsersApi = {
    async add({ name, password, role = 'reader' }) {
      const problem = accountProblem(name, password);
      if (problem) throw new DbError('INVALID_INPUT', `users.add (${name.slice(0, 80)}): ${problem}`);
      const taken = await byName(name).select('id').executeTakeFirst();
      if (taken) throw new DbError('CONSTRAINT_VIOLATION', `users.add: the name "${name}" is taken`);
      const row = {
        name: name.normalize('NFKC'),
        name_key: userNameKey(name),
        password_hash: await hashPassword(password),
        role,
        created_at: Date.now(),
      };
      const inserted = await kysely.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
      return toUser({ ...row, id: inserted.id });
    },

    async list() {
      return (await kysely.selectFrom('users').select(columns).orderBy('name_key').execute()).map(toUser);
    },

    async get(id) {
      const row = await kysely.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },

    async getByName(name) {
      const row = await byName(name).select(columns).executeTakeFirst();
      return row ? toUser(row) : null;
    },

    async remove(name) {
      const user = await api.getByName(name);
      if (!user) return false;
      await kysely.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await kysely.deleteFrom('item_states').where('user_id', '=', user.id).execute();
      await kysely.deleteFrom('users').where('id', '=', user.id).execute();
      return true;
    },

    async authenticate(name, password) {
      const known =
        name.length <= MAX_USER_NAME_LENGTH ? byName(name).select([...columns, 'password_hash']) : null;
      const row = await known?.executeTakeFirst();
      if (!row) {
        dummyHash ??= hashPassword('not anyone’s password', DEFAULT_SCRYPT_PARAMS);
        await verifyPassword(password, await dummyHash);
        return null;
      }
      return (await verifyPassword(password, row.password_hash)) ? toUser(row) : null;
    },
  };
  return api;
}
