import { useId, useState, type FormEvent } from 'react';
import { useReplyActions } from './reply-client.ts';

type ApprovalActionsProps = { workspaceId: string; replyId: string };

/**
 * A lead's Approve / Reject on a waiting reply. Rejecting asks why, and the reason is required:
 * the author sees it and rewrites from it.
 */
export function ApprovalActions({ workspaceId, replyId }: ApprovalActionsProps) {
  const { decide } = useReplyActions(workspaceId, replyId);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const ids = { reason: useId(), error: useId() };

  const reject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissingReason(true);
      return;
    }
    decide.mutate({ decision: 'reject', reason: reason.trim() });
  };

  return (
    <div className="approval-actions">
      {rejecting ? (
        <form onSubmit={reject} aria-label="Reject this reply">
          <label htmlFor={ids.reason}>Why is it rejected? (the author sees this)</label>
          <textarea
            id={ids.reason}
            rows={2}
            value={reason}
            required
            aria-invalid={missingReason || undefined}
            aria-describedby={ids.error}
            onChange={(event) => {
              setReason(event.target.value);
              setMissingReason(false);
            }}
          />
          <div className="approval-actions__buttons">
            <button type="submit" className="button" disabled={decide.isPending}>
              Reject reply
            </button>
            <button type="button" className="button" onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="approval-actions__buttons">
          <button
            type="button"
            className="button button--primary"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ decision: 'approve' })}
          >
            Approve and send
          </button>
          <button type="button" className="button" onClick={() => setRejecting(true)}>
            Reject…
          </button>
        </div>
      )}
      <p id={ids.error} role="alert" className="form-error">
        {missingReason
          ? 'Say why, so the author can fix it.'
          : decide.error
            ? `Not saved: ${decide.error.message}`
            : ''}
      </p>
    </div>
  );
}
