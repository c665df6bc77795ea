import { useState, type FormEvent } from 'react';
import { Link } from '../app/link.tsx';
import { navigate, paths } from '../app/router.ts';
import type { ConversationStatus, InboxQuery, InboxView } from '../api/types.ts';
import { statusLabels, viewLabels } from '../text/labels.ts';
import { searchFromInboxQuery } from './inbox-query.ts';

type InboxFiltersProps = { workspaceId: string; query: InboxQuery };

/** Views as links (each is a URL), then a search form and a status filter. */
export function InboxFilters({ workspaceId, query }: InboxFiltersProps) {
  const [text, setText] = useState(query.q ?? '');
  const go = (next: InboxQuery) => navigate(paths.inbox(workspaceId, searchFromInboxQuery(next)));

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = text.trim();
    go({
      view: query.view,
      ...(query.status ? { status: query.status } : {}),
      ...(q ? { q } : {}),
    });
  };
  const onStatus = (value: string) => {
    const { status: _previous, ...rest } = query;
    go(value ? { ...rest, status: value as ConversationStatus } : rest);
  };

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
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="inbox-filters__row">
        <form role="search" className="search" onSubmit={onSearch}>
          <label htmlFor="inbox-search" className="visually-hidden">
            Search conversations
          </label>
          <input
            id="inbox-search"
            type="search"
            placeholder="Search conversations"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button">
            Search
          </button>
        </form>
        <div className="field field--inline">
          <label htmlFor="inbox-status">Status</label>
          <select
            id="inbox-status"
            value={query.status ?? ''}
            onChange={(e) => onStatus(e.target.value)}
          >
            <option value="">Any</option>
            {(Object.keys(statusLabels) as ConversationStatus[]).map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}
