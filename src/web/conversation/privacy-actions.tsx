import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { keys, useSession } from '../api/queries.ts';
import type { Erasure } from '../../api/contract.ts';
import { erasureReasonMaxLength } from '../../domain/privacy.ts';

type Props = { workspaceId: string; contactId: string };

const count = (n: number, word: string) =>
  `${n} ${n === 1 ? word : word === 'reply' ? 'replies' : `${word}s`}`;

const contactPath = (workspaceId: string, contactId: string) =>
  `${ws(workspaceId)}/contacts/${encodeURIComponent(contactId)}`;

/**
 * A customer's legal requests, on their conversation: admins download everything held about them
 * (JSON); owners erase them, with the reason, after a second confirmation. Erasure is not
 * moderation: it is done only at the customer's request, and cannot be undone.
 */
export function PrivacyActions({ workspaceId, contactId }: Props) {
  const session = useSession();
  const role = session.data?.memberships.find((m) => m.workspaceId === workspaceId)?.role;
  const [open, setOpen] = useState(false);
  if (role !== 'admin' && role !== 'owner') return null;
  return (
    <details
      className="privacy-actions"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Privacy requests</summary>
      <p>
        <a href={`/api/v1${contactPath(workspaceId, contactId)}/export`} download>
          Export this customer’s data (JSON)
        </a>
      </p>
      {role === 'owner' ? <EraseForm workspaceId={workspaceId} contactId={contactId} /> : null}
    </details>
  );
}

function EraseForm({ workspaceId, contactId }: Props) {
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const erase = useMutation({
    mutationFn: () =>
      request<Erasure>('POST', `${contactPath(workspaceId, contactId)}/erase`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) }),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirming) setConfirming(true);
    else erase.mutate();
  };
  if (erase.data)
    return (
      <p role="status">
        Erased at the customer’s request: {count(erase.data.mentions, 'post')},{' '}
        {count(erase.data.conversations, 'conversation')}, {count(erase.data.replies, 'reply')} and{' '}
        {count(erase.data.notes, 'note')} now read as a tombstone.
      </p>
    );
  return (
    <form onSubmit={onSubmit} aria-label="Erase this customer's personal data">
      <p className="muted">
        Only at the customer’s own request (a legal right), never to hide criticism: their names,
        handles and every text of theirs become “erased at the customer’s request”. Counts in
        reports stay. This cannot be undone.
      </p>
      <div className="field">
        <label htmlFor={reasonId}>Reason (how the request reached you)</label>
        <textarea
          id={reasonId}
          required
          rows={2}
          maxLength={erasureReasonMaxLength}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
            setConfirming(false);
          }}
        />
      </div>
      <button
        type="submit"
        className={confirming ? 'button button--danger' : 'button'}
        disabled={erase.isPending || reason.trim() === ''}
      >
        {confirming ? 'Yes, erase for good' : 'Erase personal data'}
      </button>
      <p role="alert" className="form-error">
        {erase.error ? erase.error.message : ''}
      </p>
    </form>
  );
}
