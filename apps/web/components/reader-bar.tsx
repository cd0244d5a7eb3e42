import type { Reader } from '../lib/current-reader';

/** Who is signed in, with their lists and sign-out; only ever rendered for a signed-in reader. */
export function ReaderBar({ reader, hideRead }: { reader: Reader; hideRead?: boolean }) {
  return (
    <nav className="reader-bar" aria-label="Your reading">
      <span>
        Signed in as <strong>{reader.name}</strong>
      </span>
      {hideRead === undefined ? null : hideRead ? (
        <a href="/">Show read stories</a>
      ) : (
        <a href="/?hide=read">Hide read stories</a>
      )}
      <a href="/saved">Saved</a>
      <form method="post" action="/api/session/logout">
        <button type="submit" className="button secondary">
          Sign out
        </button>
      </form>
    </nav>
  );
}
