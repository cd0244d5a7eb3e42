import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AdminOff } from '../../../components/admin-off';
import { adminPageState } from '../../../lib/admin-page-session';
import { param, type SearchParams } from '../../../lib/story-filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Admin sign-in', robots: { index: false } };

export default async function AdminLoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await adminPageState();
  if (session.state === 'signed-in') redirect('/admin');
  const failed = param(await searchParams, 'error') !== null;
  return (
    <>
      <h1 className="page-title">Admin sign-in</h1>
      {session.state === 'off' ? (
        <AdminOff />
      ) : (
        <form className="panel stack-form" method="post" action="/api/admin/login">
          {failed && (
            <p className="notice notice--error" role="alert">
              That token is not right.
            </p>
          )}
          <label>
            Admin token
            <input type="password" name="token" required autoComplete="current-password" />
          </label>
          <button type="submit">Sign in</button>
        </form>
      )}
    </>
  );
}
