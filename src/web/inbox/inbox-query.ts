import type { ConversationStatus, InboxView, Sentiment, SocialIntent } from '../../api/contract.ts';
import type { InboxQuery } from '../api/types.ts';
import { sentimentLabels, socialIntentLabels, statusLabels, viewLabels } from '../text/labels.ts';

const isView = (value: string | null): value is InboxView =>
  !!value && Object.hasOwn(viewLabels, value);
const isStatus = (value: string | null): value is ConversationStatus =>
  !!value && Object.hasOwn(statusLabels, value);
const isSentiment = (value: string | null): value is Sentiment =>
  !!value && Object.hasOwn(sentimentLabels, value);
const isSocialIntent = (value: string | null): value is SocialIntent =>
  !!value && Object.hasOwn(socialIntentLabels, value);

/** The free-text filters, in the order the URL writes them. */
const textFilters = ['brandId', 'network', 'intent', 'language', 'tag'] as const;

function text(search: URLSearchParams, name: string, max = 100): string | undefined {
  const value = search.get(name)?.trim();
  return value && value.length <= max ? value : undefined;
}

/**
 * The inbox's view and filters live in the URL (`?view=mine&status=open&q=refund`), so they
 * survive reloads and can be shared. Values it does not know are dropped, never sent on.
 */
export function inboxQueryFromSearch(search: URLSearchParams): InboxQuery {
  const view = search.get('view');
  const status = search.get('status');
  const sentiment = search.get('sentiment');
  const socialIntent = search.get('socialIntent');
  const minPriority = Number(search.get('minPriority') ?? '');
  const query: InboxQuery = { view: isView(view) ? view : 'all' };
  if (isStatus(status)) query.status = status;
  else if (status && status.split(',').every(isStatus)) query.status = status;
  for (const name of ['openedFrom', 'openedTo'] as const) {
    const value = search.get(name);
    if (value && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d\d-\d\dT/.test(value))
      query[name] = new Date(value).toISOString();
  }
  const q = text(search, 'q', 500);
  if (q) query.q = q;
  for (const name of textFilters) {
    const value = text(search, name);
    if (value) query[name] = value;
  }
  if (isSentiment(sentiment)) query.sentiment = sentiment;
  if (isSocialIntent(socialIntent)) query.socialIntent = socialIntent;
  if (search.has('minPriority') && Number.isInteger(minPriority) && minPriority > 0)
    query.minPriority = Math.min(minPriority, 100);
  const rating = search.get('rating');
  if (rating && /^[1-5](,[1-5]){0,4}$/.test(rating)) query.rating = rating;
  return query;
}

export function searchFromInboxQuery(query: InboxQuery): URLSearchParams {
  const search = new URLSearchParams();
  if (query.view !== 'all') search.set('view', query.view);
  if (query.status) search.set('status', query.status);
  if (query.q) search.set('q', query.q);
  for (const name of textFilters) {
    const value = query[name];
    if (value) search.set(name, value);
  }
  if (query.sentiment) search.set('sentiment', query.sentiment);
  if (query.socialIntent) search.set('socialIntent', query.socialIntent);
  if (query.minPriority) search.set('minPriority', String(query.minPriority));
  if (query.openedFrom) search.set('openedFrom', query.openedFrom);
  if (query.openedTo) search.set('openedTo', query.openedTo);
  if (query.rating) search.set('rating', query.rating);
  return search;
}

/** True when anything narrows the view (the empty list then says "no match", not "all done"). */
export function isFiltered(query: InboxQuery): boolean {
  return Object.keys(query).some((name) => name !== 'view');
}
