import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { request, ws } from '../api/client.ts';
import { keys, useMembers } from '../api/queries.ts';
import { useTeams } from '../api/settings-queries.ts';
import type { BulkAction, BulkAnswer } from '../../api/contract.ts';

const verbs: Record<BulkAction['type'], string> = {
  assign: 'Assigned',
  team: 'Moved',
  tag: 'Tagged',
  resolve: 'Resolved',
  spam: 'Marked as spam',
};

type Props = {
  workspaceId: string;
  userId: string;
  selected: readonly string[];
  onDone: (message: string) => void;
  onClear: () => void;
};

/** What to do with the ticked conversations: assign, move, tag, resolve, mark spam. */
export function BulkBar({ workspaceId, userId, selected, onDone, onClear }: Props) {
  const queryClient = useQueryClient();
  const members = useMembers(workspaceId);
  const teams = useTeams(workspaceId);
  const [tag, setTag] = useState('');
  const ids = { assignee: useId(), team: useId(), tag: useId() };
  const run = useMutation({
    mutationFn: (action: BulkAction) =>
      request<BulkAnswer>('POST', `${ws(workspaceId)}/conversations/bulk`, {
        conversationIds: selected,
        action,
      }),
    onSuccess: (answer, action) => {
      const done = answer.results.filter((r) => r.ok).length;
      const refused = answer.results.filter((r) => !r.ok);
      onDone(
        `${verbs[action.type]} ${done} of ${answer.results.length}` +
          (refused.length ? `; not changed: ${refused.map((r) => r.message).join('; ')}` : ''),
      );
      void queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
    },
  });
  const people = (members.data?.items ?? []).filter(
    (member) => !member.deactivated && member.role !== 'viewer',
  );
  const onTag = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (tag.trim()) run.mutate({ type: 'tag', tag: tag.trim() }, { onSuccess: () => setTag('') });
  };
  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <strong>{selected.length} selected</strong>
      <label htmlFor={ids.assignee} className="visually-hidden">
        Assign the selected to
      </label>
      <select
        id={ids.assignee}
        value=""
        disabled={run.isPending}
        onChange={(event) => {
          const value = event.target.value;
          if (value) run.mutate({ type: 'assign', assigneeId: value === 'nobody' ? null : value });
        }}
      >
        <option value="">Assign to…</option>
        <option value="nobody">Nobody</option>
        {people.map((member) => (
          <option key={member.userId} value={member.userId}>
            {member.userId === userId ? `${member.name} (you)` : member.name}
          </option>
        ))}
      </select>
      <label htmlFor={ids.team} className="visually-hidden">
        Move the selected to a team
      </label>
      <select
        id={ids.team}
        value=""
        disabled={run.isPending}
        onChange={(event) => {
          const value = event.target.value;
          if (value) run.mutate({ type: 'team', teamId: value === 'none' ? null : value });
        }}
      >
        <option value="">Move to team…</option>
        <option value="none">No team</option>
        {(teams.data?.items ?? []).map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <form onSubmit={onTag} className="bulk-bar__tag">
        <label htmlFor={ids.tag} className="visually-hidden">
          Tag the selected
        </label>
        <input
          id={ids.tag}
          placeholder="Tag…"
          value={tag}
          maxLength={100}
          onChange={(event) => setTag(event.target.value)}
        />
        <button type="submit" className="button" disabled={run.isPending || !tag.trim()}>
          Tag
        </button>
      </form>
      <button
        type="button"
        className="button button--primary"
        disabled={run.isPending}
        onClick={() => run.mutate({ type: 'resolve' })}
      >
        Resolve
      </button>
      <button
        type="button"
        className="button"
        disabled={run.isPending}
        onClick={() => run.mutate({ type: 'spam' })}
      >
        Mark spam
      </button>
      <button type="button" className="button" onClick={onClear}>
        Clear selection
      </button>
      {run.isError ? (
        <p role="alert" className="form-error">
          {run.error.message}
        </p>
      ) : null}
    </div>
  );
}
