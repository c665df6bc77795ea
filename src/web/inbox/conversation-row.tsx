import type { CSSProperties, FocusEvent, MouseEvent, Ref } from 'react';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import type { ConversationSummary } from '../../api/contract.ts';
import { DueTime } from '../text/due-time.tsx';
import { formatAbsolute, formatRelative } from '../text/format-time.ts';
import { networkName } from '../../domain/networks.ts';
import { priorityBand, priorityLabel, statusLabel } from '../text/labels.ts';
import { RatingBadge } from '../text/rating-badge.tsx';
import { UserText } from '../text/user-text.tsx';

type ConversationRowProps = {
  workspaceId: string;
  conversation: ConversationSummary;
  assigneeName: string | null;
  now: number;
  /** Position in the whole list (1-based) and its length, for assistive technology. */
  position: number;
  setSize: number;
  selected: boolean;
  /** This conversation is the one open beside the list. */
  open: boolean;
  style: CSSProperties;
  rowRef: Ref<HTMLLIElement>;
  onFocus: (event: FocusEvent<HTMLAnchorElement>) => void;
  /** Ticked for a bulk action; a shift-click ticks the range from the last row ticked. */
  checked: boolean;
  onCheck: (checked: boolean, range: boolean) => void;
};

/** One inbox line. The whole row is a link; everything the customer wrote is plain text. */
export function ConversationRow({
  workspaceId,
  conversation: c,
  assigneeName,
  now,
  position,
  setSize,
  selected,
  open,
  style,
  rowRef,
  onFocus,
  checked,
  onCheck,
}: ConversationRowProps) {
  const contactName = c.contact.displayName || c.contact.handle;
  return (
    <li
      ref={rowRef}
      data-index={position - 1}
      aria-posinset={position}
      aria-setsize={setSize}
      style={style}
      className={`inbox-row inbox-row--${c.status}${selected ? ' inbox-row--selected' : ''}${open ? ' inbox-row--open' : ''}${checked ? ' inbox-row--checked' : ''}`}
    >
      <input
        type="checkbox"
        className="inbox-row__check"
        aria-label={`Select the conversation with @${c.contact.handle}`}
        checked={checked}
        onChange={() => undefined}
        onClick={(event: MouseEvent<HTMLInputElement>) =>
          onCheck(event.currentTarget.checked, event.shiftKey)
        }
      />
      <Link
        className="inbox-row__link"
        href={paths.conversation(workspaceId, c.id)}
        aria-current={open ? 'page' : selected ? 'true' : undefined}
        onFocus={onFocus}
      >
        <span className="inbox-row__top">
          <span className="inbox-row__contact">
            <UserText text={contactName} className="inbox-row__name" />
            {c.contact.displayName ? (
              <UserText text={`@${c.contact.handle}`} className="muted handle" />
            ) : null}
          </span>
          <time
            className="muted inbox-row__time"
            dateTime={c.lastMessageAt}
            title={formatAbsolute(c.lastMessageAt)}
          >
            {formatRelative(c.lastMessageAt, now)}
          </time>
        </span>
        <UserText as="span" text={c.preview} className="inbox-row__preview" />
        <span className="inbox-row__meta">
          <span className={`badge badge--network badge--${c.network}`}>
            {networkName(c.network)}
          </span>
          <UserText text={c.brand.name} className="badge badge--brand" />
          <RatingBadge rating={c.rating} />
          <span className={`badge badge--status badge--status-${c.status}`}>
            {statusLabel(c.status)}
          </span>
          <span className={`badge badge--priority badge--priority-${priorityBand(c.priority)}`}>
            <span className="visually-hidden">Priority: </span>
            {priorityLabel(c.priority)}
          </span>
          {c.spam ? <span className="badge badge--spam">Spam</span> : null}
          {c.mentionCount > 1 ? <span className="muted">{c.mentionCount} messages</span> : null}
          <span className="muted">
            {assigneeName ? `Assigned to ${assigneeName}` : 'Unassigned'}
          </span>
          <DueTime conversation={c} now={now} />
        </span>
      </Link>
    </li>
  );
}
