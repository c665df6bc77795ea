import { useSyncExternalStore } from 'react';

/**
 * Wide enough for three panes (list | conversation | context) beside the main navigation. Below
 * it, the inbox and a conversation each take the page, as on a phone. Keep in step with
 * `@media (min-width: 1360px)` in styles/panes.css.
 */
const wideScreen = '(min-width: 1360px)';

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia(wideScreen);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

const isWide = () => window.matchMedia(wideScreen).matches;

/** True while the window is wide enough for the three-pane inbox; re-renders when that changes. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, isWide);
}
