import type { InfiniteData } from '@tanstack/react-query';
import type { ConversationPage, ConversationSummary } from '../../api/contract.ts';

/** Sorts after every real due time, as the server's "no due time" does. */
const noDueAt = '9999-12-31T23:59:59.000Z';

/** The inbox's order (the server's keyset): most urgent first, then the nearest due time, then id. */
export function inboxOrder(a: ConversationSummary, b: ConversationSummary): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const dueA = a.dueAt ?? noDueAt;
  const dueB = b.dueAt ?? noDueAt;
  if (dueA !== dueB) return Date.parse(dueA) - Date.parse(dueB);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * An open list after a live event named `asked` and the server answered which of them the list's
 * view and filters still hold (`rows`, fresh): an asked row that is not among them leaves, a row
 * that is takes its place in the inbox order. A row that sorts after everything loaded while more
 * pages remain is left for the page that will bring it.
 */
export function patchListPages(
  data: InfiniteData<ConversationPage, string | null>,
  asked: readonly string[],
  rows: readonly ConversationSummary[],
): InfiniteData<ConversationPage, string | null> {
  const leaving = new Set(asked);
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => !leaving.has(item.id)),
  }));
  const lastPage = pages.at(-1);
  for (const row of [...rows].sort(inboxOrder)) {
    const at = pages.findIndex((page) => page.items.some((item) => inboxOrder(row, item) < 0));
    if (at >= 0) {
      const items = pages[at]!.items;
      const index = items.findIndex((item) => inboxOrder(row, item) < 0);
      pages[at] = { ...pages[at]!, items: [...items.slice(0, index), row, ...items.slice(index)] };
    } else if (lastPage && lastPage.nextCursor === null) {
      const end = pages.length - 1;
      pages[end] = { ...pages[end]!, items: [...pages[end]!.items, row] };
    }
  }
  return { ...data, pages };
}
