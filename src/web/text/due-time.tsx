import { formatAbsolute, formatDuration, formatRelative } from './format-time.ts';

type DueTimeProps = { dueAt: string | null; status: string; now: number };

/** The first-response SLA: when the reply is due, or how late it is. Nothing once resolved. */
export function DueTime({ dueAt, status, now }: DueTimeProps) {
  if (!dueAt || status === 'resolved') return null;
  const late = now - Date.parse(dueAt);
  if (Number.isNaN(late)) return null;
  return (
    <span className={late > 0 ? 'due due--overdue' : 'due'}>
      <time dateTime={dueAt} title={`Reply due ${formatAbsolute(dueAt)}`}>
        {late > 0
          ? `Reply overdue by ${formatDuration(late)}`
          : `Reply due ${formatRelative(dueAt, now)}`}
      </time>
    </span>
  );
}
