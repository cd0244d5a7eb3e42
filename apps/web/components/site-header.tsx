export function SiteHeader({ siteName, query = '' }: { siteName: string; query?: string }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a href="/" className="brand" aria-label={`${siteName}, top stories`}>
          <span className="brand__mark" aria-hidden="true">
            N
          </span>
          <span className="brand__name">{siteName}</span>
        </a>
        <nav aria-label="Main" className="main-nav">
          <a href="/">Top stories</a>
          <a href="/sources">Sources</a>
          <a href="/signin">Sign in</a>
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
