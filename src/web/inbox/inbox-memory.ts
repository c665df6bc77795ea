// The inbox's view and filters live in its URL. A conversation's URL has none, so the list
// beside it (and "← Inbox") uses the ones the inbox showed last in this workspace.

let last: { workspaceId: string; search: string } = { workspaceId: '', search: '' };

export function rememberInboxSearch(workspaceId: string, search: URLSearchParams): void {
  last = { workspaceId, search: search.toString() };
}

/** The inbox search last shown in this workspace; none (the whole inbox) otherwise. */
export function lastInboxSearch(workspaceId: string): URLSearchParams {
  return new URLSearchParams(last.workspaceId === workspaceId ? last.search : '');
}
