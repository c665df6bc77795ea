import type { ConversationSummary } from '../../api/contract.ts';
import { formatAbsolute, formatDuration, formatRelative } from './format-time.ts';

type DueTimeProps = {
  conversation: Pick<ConversationSummary, 'dueAt' | 'firstResponseDueAt' | 'status' | 'needsReply'>;
  now: number;
};

/** The SLA: when the next answer is due, or how late it is. Nothing when no answer is owed. */
export function DueTime({ conversation, now }: DueTimeProps) {
  const dueAt = conversation.dueAt ?? conversation.firstResponseDueAt;
  if (!dueAt || conversation.status === 'resolved' || conversation.needsReply === false)
    return null;
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
