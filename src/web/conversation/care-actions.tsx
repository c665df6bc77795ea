import { useId, useState, type FormEvent } from 'react';
import { navigate, paths } from '../app/router.ts';
import { useConversationActions, useMembers } from '../api/queries.ts';
import { useTeams } from '../api/settings-queries.ts';
import type { ConversationSummary, Mention } from '../../api/contract.ts';
import { neighbourInInbox } from '../keyboard/focus.ts';
import { priorityBand } from '../text/labels.ts';
import { useCareActions } from './conversation-extras-api.ts';

/** The priority bands an agent picks from, each set to a value inside its band. */
export const priorityChoices = [
  { band: 'urgent', label: 'Urgent', value: 90 },
  { band: 'high', label: 'High', value: 60 },
  { band: 'normal', label: 'Normal', value: 35 },
  { band: 'low', label: 'Low', value: 10 },
] as const;

/** Snooze presets, as offsets from now or a wall-clock time on a later day. */
export function snoozePresets(now: Date): Array<{ label: string; until: Date }> {
  const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
  const atNine = (daysAhead: number) => {
    const day = new Date(now);
    day.setDate(day.getDate() + daysAhead);
    day.setHours(9, 0, 0, 0);
    return day;
  };
  const untilMonday = (8 - now.getDay()) % 7 || 7;
  return [
    { label: 'In 1 hour', until: hours(1) },
    { label: 'In 4 hours', until: hours(4) },
    { label: 'Tomorrow 9:00', until: atNine(1) },
    { label: 'Next Monday 9:00', until: atNine(untilMonday) },
  ];
}

/** `yyyy-MM-ddTHH:mm` in local time, the value a datetime-local field takes. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** After resolving or snoozing, the next conversation of the inbox last shown opens (or the inbox). */
export function openNext(workspaceId: string, conversationId: string): void {
  const next = neighbourInInbox(workspaceId, conversationId, 1);
  navigate(next ? paths.conversation(workspaceId, next) : paths.inbox(workspaceId));
}

type Props = {
  workspaceId: string;
  conversation: ConversationSummary;
  userId: string;
  /** The customer's newest post, the one "Hide" acts on. */
  latestCustomerPost: Mention | null;
  /**
   * Which part: all of it (one column), or, split across the three panes, the buttons above the
   * thread and the pickers with moderation in the context pane.
   */
  part?: 'all' | 'buttons' | 'fields';
};

/**
 * Every care action on one conversation: who has it (anyone, or a team), its priority and
 * status, snooze to a picked time, and spam/abuse moderation with a required reason.
 */
export function CareActions({
  workspaceId,
  conversation,
  userId,
  latestCustomerPost,
  part = 'all',
}: Props) {
  const actions = useConversationActions(workspaceId, conversation.id);
  const care = useCareActions(workspaceId, conversation.id);
  const members = useMembers(workspaceId);
  const teams = useTeams(workspaceId);
  const ids = { assignee: useId(), team: useId(), priority: useId(), status: useId() };
  const mine = conversation.assigneeId === userId;
  const resolved = conversation.status === 'resolved';
  const band = priorityBand(conversation.priority);
  const error =
    actions.assign.error ??
    actions.setStatus.error ??
    actions.snooze.error ??
    care.team.error ??
    care.priority.error;
  const people = (members.data?.items ?? []).filter(
    (member) => !member.deactivated && member.role !== 'viewer',
  );
  const resolveAndNext = () =>
    actions.setStatus.mutate('resolved', {
      onSuccess: () => openNext(workspaceId, conversation.id),
    });

  return (
    <div className={`conversation__actions care-actions care-actions--${part}`}>
      {part === 'fields' ? null : (
        <div className="care-actions__buttons">
          <button
            type="button"
            className="button"
            onClick={() => actions.assign.mutate(mine ? null : userId)}
            disabled={actions.assign.isPending}
          >
            {mine ? 'Unassign me' : 'Assign to me'}
          </button>
          <button
            type="button"
            className={resolved ? 'button' : 'button button--primary'}
            onClick={() => (resolved ? actions.setStatus.mutate('open') : resolveAndNext())}
            disabled={actions.setStatus.isPending}
          >
            {resolved ? 'Reopen' : 'Resolve'}
          </button>
          <SnoozeMenu
            disabled={actions.snooze.isPending}
            onSnooze={(until) =>
              actions.snooze.mutate(until.toISOString(), {
                onSuccess: () => openNext(workspaceId, conversation.id),
              })
            }
            onPending={() => actions.setStatus.mutate('pending')}
          />
        </div>
      )}
      {part === 'buttons' ? null : (
        <>
          <div className="care-actions__fields">
            <div className="field">
              <label htmlFor={ids.assignee}>Assignee</label>
              <select
                id={ids.assignee}
                data-care="assignee"
                value={conversation.assigneeId ?? ''}
                onChange={(event) => actions.assign.mutate(event.target.value || null)}
                disabled={actions.assign.isPending}
              >
                <option value="">Unassigned</option>
                {people.map((member) => (
                  <option key={member.userId} value={member.userId}>
                    {member.userId === userId ? `${member.name} (you)` : member.name}
                    {member.available ? '' : ' — away'}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.team}>Team</label>
              <select
                id={ids.team}
                value={conversation.teamId ?? ''}
                onChange={(event) => care.team.mutate(event.target.value || null)}
                disabled={care.team.isPending}
              >
                <option value="">No team</option>
                {(teams.data?.items ?? []).map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.priority}>Priority</label>
              <select
                id={ids.priority}
                value={band}
                onChange={(event) => {
                  const choice = priorityChoices.find((c) => c.band === event.target.value);
                  if (choice) care.priority.mutate(choice.value);
                }}
                disabled={care.priority.isPending}
              >
                {priorityChoices.map((choice) => (
                  <option key={choice.band} value={choice.band}>
                    {choice.band === band
                      ? `${choice.label} (${Math.round(conversation.priority)})`
                      : choice.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.status}>Status</label>
              <select
                id={ids.status}
                value={conversation.status === 'new' ? 'open' : conversation.status}
                onChange={(event) => {
                  const status = event.target.value;
                  if (status === 'resolved') resolveAndNext();
                  else if (status === 'open' || status === 'pending')
                    actions.setStatus.mutate(status);
                }}
                disabled={actions.setStatus.isPending}
              >
                <option value="open">Open</option>
                <option value="pending">Pending: waiting for the customer</option>
                {conversation.status === 'snoozed' ? (
                  <option value="snoozed" disabled>
                    Snoozed
                  </option>
                ) : null}
                <option value="resolved">Resolved</option>
              </select>
            </div>
          </div>
          <Moderation
            workspaceId={workspaceId}
            conversationId={conversation.id}
            contactId={conversation.contact.id}
            latestCustomerPost={latestCustomerPost}
          />
        </>
      )}
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}

function SnoozeMenu({
  disabled,
  onSnooze,
  onPending,
}: {
  disabled: boolean;
  onSnooze: (until: Date) => void;
  onPending: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [problem, setProblem] = useState('');
  const fieldId = useId();
  const now = new Date();
  const pick = (until: Date) => {
    setOpen(false);
    onSnooze(until);
  };
  const onCustom = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const until = new Date(custom);
    if (Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) {
      setProblem('Pick a time in the future.');
      return;
    }
    setProblem('');
    pick(until);
  };
  return (
    <details
      className="snooze-menu"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="button" aria-disabled={disabled}>
        Snooze…
      </summary>
      <div className="snooze-menu__panel">
        <ul className="snooze-menu__presets">
          {snoozePresets(now).map((preset) => (
            <li key={preset.label}>
              <button
                type="button"
                className="button"
                disabled={disabled}
                onClick={() => pick(preset.until)}
              >
                {preset.label}
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="button"
              disabled={disabled}
              onClick={() => {
                setOpen(false);
                onPending();
              }}
            >
              Until the customer replies
            </button>
          </li>
        </ul>
        <form onSubmit={onCustom} className="snooze-menu__custom">
          <label htmlFor={fieldId}>Until</label>
          <input
            id={fieldId}
            type="datetime-local"
            value={custom}
            min={localInputValue(now)}
            onChange={(event) => setCustom(event.target.value)}
            required
          />
          <button type="submit" className="button" disabled={disabled}>
            Snooze
          </button>
          {problem ? (
            <p role="alert" className="form-error">
              {problem}
            </p>
          ) : null}
        </form>
      </div>
    </details>
  );
}

/** Hide the customer's newest post or block the customer: spam and abuse only, reason required. */
function Moderation({
  workspaceId,
  conversationId,
  contactId,
  latestCustomerPost,
}: {
  workspaceId: string;
  conversationId: string;
  contactId: string;
  latestCustomerPost: Mention | null;
}) {
  const care = useCareActions(workspaceId, conversationId);
  const [action, setAction] = useState<'hide' | 'block'>('hide');
  const [reason, setReason] = useState<'' | 'spam' | 'abuse'>('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState('');
  const ids = { action: useId(), reason: useId(), note: useId() };
  const error = care.hide.error ?? care.block.error;
  const pending = care.hide.isPending || care.block.isPending;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason) return;
    const body = { reason, ...(note.trim() ? { note: note.trim() } : {}) };
    const onSuccess = () => {
      setDone(action === 'hide' ? 'The post is hidden.' : 'The customer is blocked.');
      setReason('');
      setNote('');
    };
    if (action === 'hide' && latestCustomerPost)
      care.hide.mutate({ mentionId: latestCustomerPost.id, ...body }, { onSuccess });
    else if (action === 'block') care.block.mutate({ contactId, ...body }, { onSuccess });
  };
  return (
    <details className="care-moderation">
      <summary>Spam or abuse…</summary>
      <form onSubmit={onSubmit} className="care-moderation__form">
        <p className="muted">
          Only for spam and abuse. Criticism is answered, never hidden. Every step is recorded in
          the moderation log.
        </p>
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <select
            id={ids.action}
            value={action}
            onChange={(event) => setAction(event.target.value === 'block' ? 'block' : 'hide')}
          >
            <option value="hide" disabled={!latestCustomerPost}>
              Hide the customer&apos;s newest post
            </option>
            <option value="block">Block the customer</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>Reason</label>
          <select
            id={ids.reason}
            value={reason}
            required
            onChange={(event) =>
              setReason(event.target.value === 'abuse' ? 'abuse' : event.target.value ? 'spam' : '')
            }
          >
            <option value="">Choose…</option>
            <option value="spam">Spam</option>
            <option value="abuse">Abuse</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.note}>Note (optional)</label>
          <input
            id={ids.note}
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={pending || !reason}>
          {action === 'hide' ? 'Hide post' : 'Block customer'}
        </button>
        {error ? (
          <p role="alert" className="form-error">
            {error.message}
          </p>
        ) : null}
        {done ? (
          <p role="status" className="muted">
            {done}
          </p>
        ) : null}
      </form>
    </details>
  );
}
