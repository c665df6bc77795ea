import type { ConversationStatus, InboxQuery, InboxView } from '../api/types.ts';
import { statusLabels, viewLabels } from '../text/labels.ts';

const isView = (value: string | null): value is InboxView =>
  !!value && Object.hasOwn(viewLabels, value);
const isStatus = (value: string | null): value is ConversationStatus =>
  !!value && Object.hasOwn(statusLabels, value);

/** The inbox's filters live in the URL (`?view=mine&status=open&q=refund`), so they survive reloads and can be shared. */
export function inboxQueryFromSearch(search: URLSearchParams): InboxQuery {
  const view = search.get('view');
  const status = search.get('status');
  const q = search.get('q')?.trim();
  return {
    view: isView(view) ? view : 'all',
    ...(isStatus(status) ? { status } : {}),
    ...(q ? { q } : {}),
  };
}

export function searchFromInboxQuery(query: InboxQuery): URLSearchParams {
  const search = new URLSearchParams();
  if (query.view !== 'all') search.set('view', query.view);
  if (query.status) search.set('status', query.status);
  if (query.q) search.set('q', query.q);
  return search;
}
