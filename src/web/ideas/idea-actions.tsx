import { useState, type FormEvent } from 'react';
import type { SettableIdeaStatus } from '../../domain/ideas.ts';
import type { IdeaChange } from './ideas-client.ts';
import { ideaStatusLabels, nextIdeaStatuses } from './idea-labels.ts';
import type { Idea } from '../../api/contract.ts';

type ActionProps = { idea: Idea; pending: boolean; onChange: (change: IdeaChange) => void };

/** Moves an idea along its life; declining asks why, since customers deserve an answer. */
export function IdeaStatusForm({ idea, pending, onChange }: ActionProps) {
  const options = nextIdeaStatuses(idea.status);
  const [status, setStatus] = useState<SettableIdeaStatus | ''>('');
  const [reason, setReason] = useState('');
  const chosen = status !== '' && options.includes(status) ? status : (options[0] ?? '');
  if (chosen === '') return null;
  const id = `idea-${idea.id}`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({
      kind: 'status',
      id: idea.id,
      status: chosen,
      ...(chosen === 'declined' ? { reason: reason.trim() } : {}),
    });
  };
  return (
    <form className="settings-inline" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={`${id}-status`}>Move to</label>
        <select
          id={`${id}-status`}
          value={chosen}
          onChange={(event) => setStatus(event.target.value as SettableIdeaStatus)}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {ideaStatusLabels[option]}
            </option>
          ))}
        </select>
      </div>
      {chosen === 'declined' ? (
        <div className="field">
          <label htmlFor={`${id}-reason`}>Why it is declined</label>
          <input
            id={`${id}-reason`}
            required
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        Move
      </button>
    </form>
  );
}

/** Folds a duplicate into another idea, which keeps the votes and the mentions. */
export function IdeaMergeForm({
  idea,
  others,
  pending,
  onChange,
}: ActionProps & { others: Idea[] }) {
  const targets = others.filter((other) => other.id !== idea.id && other.status !== 'merged');
  const [target, setTarget] = useState('');
  if (targets.length === 0 || idea.status === 'merged') return null;
  const id = `idea-${idea.id}-merge`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (target) onChange({ kind: 'merge', id: idea.id, intoIdeaId: target });
  };
  return (
    <form className="settings-inline" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={id}>Merge into</label>
        <select id={id} required value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Choose an idea…</option>
          {targets.map((other) => (
            // An option holds text only: the title cannot become markup here either.
            <option key={other.id} value={other.id}>
              {other.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={pending || !target}>
        Merge
      </button>
    </form>
  );
}
