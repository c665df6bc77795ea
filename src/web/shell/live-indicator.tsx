import type { LiveState } from '../api/live-updates.ts';

const labels: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/** Whether new mentions appear on their own, or the agent should not trust the list right now. */
export function LiveIndicator({ state }: { state: LiveState }) {
  return (
    <span className={`live live--${state}`} role="status" title="Live updates">
      <span className="live__dot" aria-hidden="true" />
      {labels[state]}
    </span>
  );
}
