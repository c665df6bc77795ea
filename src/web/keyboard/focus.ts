// Where keyboard shortcuts move focus across pages: the inbox's order (for j/k on a
// conversation page) and a request to focus the reply box once the conversation shows.

let inboxOrder: { workspaceId: string; ids: string[] } = { workspaceId: '', ids: [] };
let composerFocusPending = false;

export function rememberInboxOrder(workspaceId: string, ids: string[]): void {
  inboxOrder = { workspaceId, ids };
}

/** The conversation `step` places after (or before) this one in the inbox last shown. */
export function neighbourInInbox(workspaceId: string, id: string, step: 1 | -1): string | null {
  if (inboxOrder.workspaceId !== workspaceId) return null;
  const index = inboxOrder.ids.indexOf(id);
  if (index === -1) return null;
  return inboxOrder.ids[index + step] ?? null;
}

export function focusComposer(): boolean {
  const box = document.querySelector<HTMLTextAreaElement>('textarea[data-composer-text]');
  box?.focus();
  return box !== null;
}

/** Asks the next reply box that appears to take the focus (`r` from the inbox). */
export function requestComposerFocus(): void {
  composerFocusPending = true;
}

export function takeComposerFocusRequest(): boolean {
  const pending = composerFocusPending;
  composerFocusPending = false;
  return pending;
}

export function focusSearch(): boolean {
  const box = document.getElementById('inbox-search');
  box?.focus();
  return box !== null;
}
