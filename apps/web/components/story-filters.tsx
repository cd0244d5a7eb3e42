import type { FilterChoices } from '../lib/filter-choices';
import { type StoryQuery, TIME_WINDOWS } from '../lib/story-filters';
import { sourceName } from './source-icon';

interface Choice {
  value: string;
  label: string;
}

/** One labelled menu; the empty choice means "no filter". */
function FilterSelect(props: {
  label: string;
  name: string;
  anyLabel: string;
  value: string | number | null;
  choices: Choice[];
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} defaultValue={props.value ?? ''}>
        <option value="">{props.anyLabel}</option>
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A plain GET form: filtering works without JavaScript and every filtered view has a URL. On a narrow
 * screen it folds behind a "Filters" disclosure (a native <details>: keyboard and screen readers know
 * it) so the stories start in the first screenful; wide screens always show it (globals.css).
 */
export function StoryFilters({ query, choices }: { query: StoryQuery; choices: FilterChoices }) {
  const active = [query.source, query.folder, query.language, query.window].filter(
    (value) => value !== null && value !== '',
  ).length;
  return (
    <details className="filters-panel">
      <summary>Filters{active > 0 ? ` (${active} on)` : ''}</summary>
      <FilterForm query={query} choices={choices} />
    </details>
  );
}

function FilterForm({ query, choices }: { query: StoryQuery; choices: FilterChoices }) {
  return (
    <form className="filters" method="get" action="/" aria-label="Filter stories">
      {choices.sources ? (
        <FilterSelect
          label="Source"
          name="source"
          anyLabel="All sources"
          value={query.source}
          choices={choices.sources.map((feed) => ({ value: String(feed.id), label: sourceName(feed) }))}
        />
      ) : (
        // Too many sources for a menu: keep the current one (set from a source's page).
        query.source !== null && <input type="hidden" name="source" value={query.source} />
      )}
      {choices.folders.length > 0 && (
        <FilterSelect
          label="Folder"
          name="folder"
          anyLabel="All folders"
          value={query.folder}
          choices={choices.folders.map((folder) => ({ value: folder, label: folder }))}
        />
      )}
      {choices.languages.length > 0 && (
        <FilterSelect
          label="Language"
          name="lang"
          anyLabel="All languages"
          value={query.language}
          choices={choices.languages.map((code) => ({ value: code, label: languageName(code) }))}
        />
      )}
      <FilterSelect
        label="Time"
        name="window"
        anyLabel="Any time"
        value={query.window}
        choices={Object.entries(TIME_WINDOWS).map(([value, { label }]) => ({ value, label }))}
      />
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
