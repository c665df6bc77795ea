import { useState, type FormEvent } from 'react';
import { Link } from '../app/link.tsx';
import { navigate, paths } from '../app/router.ts';
import { useViewCounts } from '../api/queries.ts';
import { useBrands } from '../api/settings-queries.ts';
import type { InboxView } from '../../api/contract.ts';
import type { InboxQuery } from '../api/types.ts';
import { filterNetworks, networkName } from '../../domain/networks.ts';
import { sentimentLabels, socialIntentLabels, statusLabels, viewLabels } from '../text/labels.ts';
import { isFiltered, searchFromInboxQuery } from './inbox-query.ts';

type InboxFiltersProps = { workspaceId: string; query: InboxQuery };

type Option = { value: string; label: string };
type SelectName =
  'status' | 'brandId' | 'network' | 'sentiment' | 'socialIntent' | 'minPriority' | 'rating';
type TextName = 'q' | 'tag' | 'intent' | 'language';

const priorityOptions: Option[] = [
  { value: '25', label: 'Normal and above' },
  { value: '50', label: 'High and above' },
  { value: '75', label: 'Urgent only' },
];
const ratingOptions: Option[] = [
  { value: '1', label: '★ 1' },
  { value: '1,2', label: '★ 1–2' },
  { value: '1,2,3', label: '★ 1–3' },
  { value: '4,5', label: '★ 4–5' },
  { value: '5', label: '★ 5' },
];
const toOptions = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Views as links (each is a URL), a search form, and filters that narrow any view. */
export function InboxFilters({ workspaceId, query }: InboxFiltersProps) {
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
  const select = (name: SelectName, label: string, options: Option[]) => (
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
        </div>
        <div className="inbox-filters__row">
          {textInput('tag', 'Tag', 'e.g. refund')}
          {textInput('intent', 'Intent', 'e.g. get_refund')}
          {textInput('language', 'Language', 'e.g. en')}
        </div>
      </form>
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
        {isFiltered(query) ? (
          <Link
            className="button button--quiet"
            href={paths.inbox(workspaceId, searchFromInboxQuery({ view: query.view }))}
          >
            Clear filters
          </Link>
        ) : null}
      </div>
    </div>
  );
}
