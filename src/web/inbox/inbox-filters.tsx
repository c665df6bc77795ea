import { useState, type FormEvent } from 'react';
import { Link } from '../app/link.tsx';
import { navigate, paths } from '../app/router.ts';
import { useViewCounts } from '../api/queries.ts';
import { useBrands } from '../api/settings-queries.ts';
import type { InboxView } from '../../api/contract.ts';
import type { InboxQuery } from '../api/types.ts';
import { filterNetworks, networkName } from '../../domain/networks.ts';
import { sentimentLabels, socialIntentLabels, statusLabels, viewLabels } from '../text/labels.ts';
import { activeFilters, FilterChips } from './filter-chips.tsx';
import { priorityOptions, ratingOptions, toOptions, type FilterOption } from './filter-options.ts';
import { searchFromInboxQuery } from './inbox-query.ts';

type InboxFiltersProps = {
  workspaceId: string;
  query: InboxQuery;
  /** The full filter form shows; kept by the page, so choosing a filter leaves it open. */
  open: boolean;
  onToggle: () => void;
};

type SelectName =
  'status' | 'brandId' | 'network' | 'sentiment' | 'socialIntent' | 'minPriority' | 'rating';
type TextName = 'q' | 'tag' | 'intent' | 'language';

/**
 * Views as links (each is a URL) with their live counts, a search box, the active filters as
 * removable chips, and the full filter form behind a "Filters" button: a bar, not half a screen.
 */
export function InboxFilters({ workspaceId, query, open, onToggle }: InboxFiltersProps) {
  const brands = useBrands(workspaceId);
  const counts = useViewCounts(workspaceId, query).data;
  const countOf = (view: InboxView) => {
    const count = counts?.counts[view];
    if (count === undefined || !counts) return null;
    return count >= counts.cap ? `${(counts.cap - 1).toLocaleString()}+` : count.toLocaleString();
  };
  const [texts, setTexts] = useState<Record<TextName, string>>({
    q: query.q ?? '',
    tag: query.tag ?? '',
    intent: query.intent ?? '',
    language: query.language ?? '',
  });
  const brandName = (id: string) => brands.data?.items.find((b) => b.id === id)?.name ?? id;
  const chips = activeFilters(query, brandName);
  const go = (next: InboxQuery) => navigate(paths.inbox(workspaceId, searchFromInboxQuery(next)));

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: InboxQuery = { ...query };
    for (const name of Object.keys(texts) as TextName[]) {
      const value = texts[name].trim();
      if (value) next[name] = value;
      else delete next[name];
    }
    go(next);
  };
  const onSelect = (name: SelectName, value: string) => {
    const next = { ...query } as Record<string, unknown>;
    if (value) next[name] = name === 'minPriority' ? Number(value) : value;
    else delete next[name];
    go(next as InboxQuery);
  };
  const select = (name: SelectName, label: string, options: FilterOption[]) => (
    <div className="field field--inline">
      <label htmlFor={`inbox-${name}`}>{label}</label>
      <select
        id={`inbox-${name}`}
        value={query[name] === undefined ? '' : String(query[name])}
        onChange={(event) => onSelect(name, event.target.value)}
      >
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  const textInput = (name: Exclude<TextName, 'q'>, label: string, placeholder: string) => (
    <div className="field field--inline">
      <label htmlFor={`inbox-${name}`}>{label}</label>
      <input
        id={`inbox-${name}`}
        className="input--short"
        value={texts[name]}
        placeholder={placeholder}
        maxLength={100}
        onChange={(event) => setTexts({ ...texts, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <div className="inbox-filters">
      <nav aria-label="Inbox views">
        <ul className="view-tabs">
          {(Object.keys(viewLabels) as InboxView[]).map((view) => (
            <li key={view}>
              <Link
                href={paths.inbox(workspaceId, searchFromInboxQuery({ ...query, view }))}
                aria-current={query.view === view ? 'page' : undefined}
              >
                {viewLabels[view]}
                {countOf(view) !== null ? (
                  <span className="view-tabs__count">
                    <span className="visually-hidden">: </span>
                    {countOf(view)}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form role="search" className="inbox-filters__form" onSubmit={onSearch}>
        <div className="search">
          <label htmlFor="inbox-search" className="visually-hidden">
            Search conversations
          </label>
          <input
            id="inbox-search"
            type="search"
            placeholder="Search conversations (press / )"
            value={texts.q}
            maxLength={500}
            onChange={(event) => setTexts({ ...texts, q: event.target.value })}
          />
          <button type="submit" className="button">
            Search
          </button>
          <button
            type="button"
            className="button button--quiet filters-toggle"
            aria-expanded={open}
            onClick={onToggle}
          >
            Filters
            {chips.length > 0 ? (
              <span className="filters-toggle__count">
                <span className="visually-hidden">: </span>
                {chips.length} on
              </span>
            ) : null}
          </button>
        </div>
        <FilterChips workspaceId={workspaceId} query={query} chips={chips} />
        {open ? (
          <div className="inbox-filters__panel">
            <div className="inbox-filters__row">
              {textInput('tag', 'Tag', 'e.g. refund')}
              {textInput('intent', 'Intent', 'e.g. get_refund')}
              {textInput('language', 'Language', 'e.g. en')}
              <button type="submit" className="button button--quiet">
                Apply
              </button>
            </div>
            <div className="inbox-filters__row" role="group" aria-label="Filters">
              {select('status', 'Status', toOptions(statusLabels))}
              {select(
                'brandId',
                'Brand',
                (brands.data?.items ?? []).map((brand) => ({ value: brand.id, label: brand.name })),
              )}
              {select(
                'network',
                'Network',
                filterNetworks.map((network) => ({ value: network, label: networkName(network) })),
              )}
              {select('sentiment', 'Sentiment', toOptions(sentimentLabels))}
              {select('socialIntent', 'Author is', toOptions(socialIntentLabels))}
              {select('minPriority', 'Priority', priorityOptions)}
              {select('rating', 'Review stars', ratingOptions)}
            </div>
          </div>
        ) : null}
      </form>
    </div>
  );
}
