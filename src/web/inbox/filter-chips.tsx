import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import type { InboxQuery } from '../api/types.ts';
import { networkName } from '../../domain/networks.ts';
import { sentimentLabels, socialIntentLabels, statusLabel } from '../text/labels.ts';
import { UserText } from '../text/user-text.tsx';
import { labelOf, priorityOptions, ratingOptions } from './filter-options.ts';
import { searchFromInboxQuery } from './inbox-query.ts';

type FilterName = Exclude<keyof InboxQuery, 'view'>;
type Chip = { name: FilterName; label: string; value: string };

/** Every filter that narrows the view, named as the filter form names it. */
export function activeFilters(query: InboxQuery, brandName: (id: string) => string): Chip[] {
  const chips: Chip[] = [];
  const add = (name: FilterName, label: string, value: string | undefined) => {
    if (value) chips.push({ name, label, value });
  };
  add('q', 'Search', query.q);
  add('status', 'Status', query.status?.split(',').map(statusLabel).join(', '));
  add('brandId', 'Brand', query.brandId && brandName(query.brandId));
  add('network', 'Network', query.network && networkName(query.network));
  add('sentiment', 'Sentiment', query.sentiment && sentimentLabels[query.sentiment]);
  add('socialIntent', 'Author is', query.socialIntent && socialIntentLabels[query.socialIntent]);
  if (query.minPriority)
    add('minPriority', 'Priority', labelOf(priorityOptions, String(query.minPriority)));
  add('rating', 'Review stars', query.rating && labelOf(ratingOptions, query.rating));
  add('tag', 'Tag', query.tag);
  add('intent', 'Intent', query.intent);
  add('language', 'Language', query.language);
  return chips;
}

type FilterChipsProps = { workspaceId: string; query: InboxQuery; chips: Chip[] };

/** The active filters as chips; each one's × is a link to the same view without it. */
export function FilterChips({ workspaceId, query, chips }: FilterChipsProps) {
  if (chips.length === 0) return null;
  const without = (name: FilterName) => {
    const next = { ...query };
    delete next[name];
    return paths.inbox(workspaceId, searchFromInboxQuery(next));
  };
  return (
    <ul className="filter-chips" aria-label="Active filters">
      {chips.map((chip) => (
        <li key={chip.name} className="filter-chip">
          <span className="filter-chip__text">
            {chip.label}: <UserText text={chip.value} />
          </span>
          {/* Named by its text, not aria-label: a label would make it a second "Status" field. */}
          <Link className="filter-chip__remove" href={without(chip.name)}>
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">
              Remove the filter {chip.label}: {chip.value}
            </span>
          </Link>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <Link
            className="filter-chips__clear"
            href={paths.inbox(workspaceId, searchFromInboxQuery({ view: query.view }))}
          >
            Clear filters
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
