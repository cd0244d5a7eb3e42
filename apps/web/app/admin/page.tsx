import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AdminOff } from '../../components/admin-off';
import { ClusterWarnings } from '../../components/cluster-warnings';
import { FeedStatus } from '../../components/feed-status';
import { PollErrors } from '../../components/poll-errors';
import { SourceIcon, sourceName } from '../../components/source-icon';
import { adminPageState } from '../../lib/admin-page-session';
import { getDb } from '../../lib/db';
import { param, type SearchParams } from '../../lib/story-filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Admin', robots: { index: false } };

function CsrfField({ csrf }: { csrf: string }) {
  return <input type="hidden" name="csrf" value={csrf} />;
}

export default async function AdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await adminPageState();
  if (session.state === 'off') {
    return (
      <>
        <h1 className="page-title">Admin</h1>
        <AdminOff />
      </>
    );
  }
  if (session.state === 'signed-out') redirect('/admin/login');
  const params = await searchParams;
  const notice = param(params, 'notice');
  const error = param(params, 'error');
  const db = await getDb();
  const [feeds, errors, clusterWarnings, users] = await Promise.all([
    db.feeds.list({ includeDisabled: true, limit: 500 }),
    db.polls.recentErrors({ limit: 20 }),
    db.clusterWarnings.recent(10),
    db.users.list(),
  ]);
  const now = new Date();
  const { csrf } = session;

  return (
    <>
      <div className="source-header">
        <h1 className="page-title">Admin</h1>
        <form method="post" action="/api/admin/logout" className="inline-form">
          <button type="submit" className="secondary">
            Sign out
          </button>
        </form>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}

      <section className="panel" aria-labelledby="add-title">
        <h2 id="add-title">Add a source</h2>
        <form className="stack-form" method="post" action="/api/admin/feeds">
          <CsrfField csrf={csrf} />
          <label>
            Feed or site URL
            <input
              type="url"
              name="url"
              required
              placeholder="https://example.com/ or https://example.com/feed.xml"
            />
          </label>
          <label>
            Folder (optional)
            <input type="text" name="folder" maxLength={100} placeholder="World, Tech…" />
          </label>
          <button type="submit">Add</button>
        </form>
        <p className="muted">
          For a site URL, the worker finds the feed its page links to on the first poll.
        </p>
      </section>

      <section className="panel" aria-labelledby="opml-title">
        <h2 id="opml-title">OPML</h2>
        <form className="stack-form" method="post" action="/api/admin/opml" encType="multipart/form-data">
          <CsrfField csrf={csrf} />
          <label>
            Import subscriptions from an OPML file
            <input
              type="file"
              name="file"
              accept=".opml,.xml,text/xml,application/xml,text/x-opml"
              required
            />
          </label>
          <button type="submit">Import</button>
        </form>
        <p>
          <a href="/api/admin/opml" download="newsfeed-subscriptions.opml">
            Export all subscriptions as OPML
          </a>
        </p>
      </section>

      <section className="panel" aria-labelledby="readers-title">
        <h2 id="readers-title">Reader accounts ({users.length})</h2>
        {users.length > 0 && (
          <ul>
            {users.map((user) => (
              <li key={user.id}>
                {user.name} <span className="muted">({user.role})</span>
              </li>
            ))}
          </ul>
        )}
        <form className="stack-form" method="post" action="/api/admin/users">
          <CsrfField csrf={csrf} />
          <label>
            Name
            <input type="text" name="name" required maxLength={64} autoComplete="off" />
          </label>
          <label>
            Password
            <input
              type="password"
              name="password"
              required
              minLength={8}
              maxLength={1024}
              autoComplete="new-password"
            />
          </label>
          <label>
            Role
            <select name="role" defaultValue="reader">
              <option value="reader">Reader</option>
              <option value="admin">Admin</option>
            </select>
          </label>
          <button type="submit">Create account</button>
        </form>
      </section>

      <section className="panel" aria-labelledby="sources-title">
        <h2 id="sources-title">Sources ({feeds.items.length})</h2>
        {feeds.items.length === 0 ? (
          <p className="muted">No sources yet: add one above or import an OPML file.</p>
        ) : (
          <div className="table-wrap">
            <table className="stack-narrow">
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Status</th>
                  <th scope="col">Items</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {feeds.items.map((feed) => (
                  <tr key={feed.id}>
                    <td>
                      <div className="source-cell">
                        <SourceIcon feed={feed} />
                        <div>
                          <a href={`/sources/${feed.id}`}>{sourceName(feed)}</a>
                          <div className="muted">{feed.url}</div>
                        </div>
                      </div>
                    </td>
                    <td data-label="Status">
                      <FeedStatus feed={feed} detail />
                    </td>
                    <td data-label="Items">{feed.itemCount}</td>
                    <td>
                      <form className="actions" method="post" action={`/api/admin/feeds/${feed.id}`}>
                        <CsrfField csrf={csrf} />
                        {feed.disabled ? (
                          <button type="submit" name="action" value="enable" className="secondary">
                            Re-enable
                          </button>
                        ) : (
                          <button type="submit" name="action" value="disable" className="secondary">
                            Disable
                          </button>
                        )}
                        <details className="confirm-remove">
                          <summary>Remove…</summary>
                          <p>
                            Delete {sourceName(feed)} and its {feed.itemCount}{' '}
                            {feed.itemCount === 1 ? 'item' : 'items'}? This cannot be undone.
                          </p>
                          <button
                            type="submit"
                            name="action"
                            value="remove"
                            className="danger"
                            aria-label={`Remove ${sourceName(feed)}`}
                          >
                            Remove for good
                          </button>
                        </details>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <PollErrors errors={errors.items} now={now} />
      <ClusterWarnings warnings={clusterWarnings} now={now} />
    </>
  );
}
