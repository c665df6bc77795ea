import { formatAbsolute, formatRelative } from './format-time.ts';

type DueTimeProps = { dueAt: string | null; status: string; now: number };

/** The first-response SLA: when the reply is due, or how late it is. Nothing once resolved. */
export function DueTime({ dueAt, status, now }: DueTimeProps) {
  if (!dueAt || status === 'resolved') return null;
  const overdue = Date.parse(dueAt) < now;
  return (
    <span className={overdue ? 'due due--overdue' : 'due'}>
      {overdue ? 'Overdue, was due ' : 'Reply due '}
      <time dateTime={dueAt} title={formatAbsolute(dueAt)}>
        {formatRelative(dueAt, now)}
      </time>
    </span>
  );
}
