import type { FilterChoices } from '../lib/filter-choices';
import { type StoryQuery, TIME_WINDOWS } from '../lib/story-filters';
import { sourceName } from './source-icon';

/** A plain GET form: filtering works without JavaScript and every filtered view has a URL. */
export function StoryFilters({ query, choices }: { query: StoryQuery; choices: FilterChoices }) {
  return (
    <form className="filters" method="get" action="/" aria-label="Filter stories">
      {choices.sources ? (
        <label>
          Source
          <select name="source" defaultValue={query.source ?? ''}>
            <option value="">All sources</option>
            {choices.sources.map((feed) => (
              <option key={feed.id} value={feed.id}>
                {sourceName(feed)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        // Too many sources for a menu: keep the current one (set from a source's page).
        query.source !== null && <input type="hidden" name="source" value={query.source} />
      )}
      {choices.folders.length > 0 && (
        <label>
          Folder
          <select name="folder" defaultValue={query.folder ?? ''}>
            <option value="">All folders</option>
            {choices.folders.map((folder) => (
              <option key={folder} value={folder}>
                {folder}
              </option>
            ))}
          </select>
        </label>
      )}
      {choices.languages.length > 0 && (
        <label>
          Language
          <select name="lang" defaultValue={query.language ?? ''}>
            <option value="">All languages</option>
            {choices.languages.map((language) => (
              <option key={language} value={language}>
                {languageName(language)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Time
        <select name="window" defaultValue={query.window ?? ''}>
          <option value="">Any time</option>
          {Object.entries(TIME_WINDOWS).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Apply</button>
      <a className="clear" href="/">
        Clear
      </a>
    </form>
  );
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

function languageName(code: string): string {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}
