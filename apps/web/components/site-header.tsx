import Link from 'next/link';

export function SiteHeader({ siteName, query = '' }: { siteName: string; query?: string }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand" aria-label={`${siteName}, top stories`}>
          <span className="brand__mark" aria-hidden="true">
            N
          </span>
          <span className="brand__name">{siteName}</span>
        </Link>
        <nav aria-label="Main" className="main-nav">
          <Link href="/">Top stories</Link>
          <Link href="/sources">Sources</Link>
        </nav>
        <search className="site-search">
          <form action="/search" method="get">
            <label htmlFor="search-input" className="visually-hidden">
              Search stories
            </label>
            <input
              id="search-input"
              name="q"
              type="search"
              placeholder="Search  ( / )"
              defaultValue={query}
              autoComplete="off"
              maxLength={200}
            />
            <button type="submit">Search</button>
          </form>
        </search>
      </div>
    </header>
  );
}
