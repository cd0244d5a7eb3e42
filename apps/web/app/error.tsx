'use client';

// Shown when a page fails to render (most often: the database cannot be opened). The details are
// in the server log; the reader gets what to check and a way to retry.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section className="empty-state" role="alert">
      <h2>Something went wrong loading this page</h2>
      <p>
        The server could not read the stories. If you run this site, check that the database in{' '}
        <code>DATABASE_URL</code> is reachable and look at the server log
        {error.digest ? ` (error ${error.digest})` : ''}.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
