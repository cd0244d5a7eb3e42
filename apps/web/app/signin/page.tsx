import type { Metadata } from 'next';
import { param, type SearchParams } from '../../lib/story-filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const failed = param(await searchParams, 'error') !== null;
  return (
    <>
      <h1 className="page-title">Sign in</h1>
      <form className="panel stack-form" method="post" action="/api/session/login">
        {failed && (
          <p className="notice notice--error" role="alert">
            That name and password do not match an account.
          </p>
        )}
        <label>
          Name
          <input type="text" name="name" required autoComplete="username" maxLength={64} />
        </label>
        <label>
          Password
          <input type="password" name="password" required autoComplete="current-password" maxLength={1024} />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </>
  );
}
