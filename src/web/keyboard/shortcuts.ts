/** Every keyboard shortcut, as the help overlay lists them (`?`). One key, no modifiers. */
export const shortcuts = [
  { keys: ['j'], action: 'Next conversation' },
  { keys: ['k'], action: 'Previous conversation' },
  { keys: ['Enter'], action: 'Open the selected conversation' },
  {
    keys: ['x'],
    action: 'Tick the selected conversation for a bulk action (shift-click ticks a range)',
  },
  { keys: ['a'], action: 'Assign to me' },
  { keys: ['c'], action: 'Choose who the conversation is assigned to' },
  { keys: ['r'], action: 'Reply' },
  { keys: ['e'], action: 'Resolve, then open the next conversation' },
  { keys: ['s'], action: 'Snooze for 4 hours, then open the next conversation' },
  { keys: ['p'], action: 'Pending: wait for the customer to reply' },
  { keys: ['/'], action: 'Search conversations' },
  { keys: ['?'], action: 'Show the keyboard shortcuts' },
  { keys: ['Esc'], action: 'Close this list, or leave the reply box' },
] as const;

export type ShortcutKey = 'j' | 'k' | 'a' | 'c' | 'r' | 'e' | 's' | 'p' | 'x' | '/' | '?';

const snoozeHours = 4;

/** Until when `s` snoozes, from now. */
export function snoozeUntil(now: number): string {
  return new Date(now + snoozeHours * 60 * 60_000).toISOString();
}

/** True where a key press is typing (a field, a select, an editable element), not a command. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
