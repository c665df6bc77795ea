import { useEffect, useRef } from 'react';
import { isTypingTarget, type ShortcutKey } from './shortcuts.ts';

type ShortcutHandlers = Partial<Record<ShortcutKey, () => void>>;

/**
 * Calls the handler of a shortcut key pressed anywhere on the page, except while typing in a
 * field, with a modifier held, or behind a modal dialog (the help overlay).
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const handler = Object.hasOwn(latest.current, event.key)
        ? latest.current[event.key as ShortcutKey]
        : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
