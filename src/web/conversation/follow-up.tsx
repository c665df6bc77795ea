import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { conv, request } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { SlaStatus } from '../../api/contract.ts';
import { formatAbsolute } from '../text/format-time.ts';

const slaStates: Record<SlaStatus['state'], string> = {
  none: 'No SLA policy',
  ok: 'SLA on track',
  at_risk: 'SLA at risk',
  breached: 'SLA breached',
};

type FollowUpProps = { workspaceId: string; conversationId: string };

/** The SLA clock's state and due times, and a follow-up reminder to set or cancel. */
export function FollowUp({ workspaceId, conversationId }: FollowUpProps) {
  const queryClient = useQueryClient();
  const queryKey = ['conversations', workspaceId, 'sla', conversationId];
  const sla = useQuery({
    queryKey,
    queryFn: () => request<SlaStatus>('GET', `${conv(workspaceId, conversationId)}/sla`),
  });
  const save = useMutation({
    mutationFn: (dueAt: string | null) =>
      request<SlaStatus>('POST', `${conv(workspaceId, conversationId)}/follow-up`, { dueAt }),
    onSuccess: (status) => {
      queryClient.setQueryData(queryKey, status);
      void queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
    },
  });
  const [when, setWhen] = useState('');
  const id = useId();
  const status = sla.data;
  const resolutionDue = status?.resolutionDueAt;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const at = Date.parse(when);
    if (Number.isNaN(at)) return;
    save.mutate(new Date(at).toISOString());
  };

  return (
    <form className="follow-up" onSubmit={onSubmit} aria-label="Follow-up reminder">
      {status ? (
        <p className="follow-up__sla muted">
          {slaStates[status.state]}
          {status.paused ? ' (paused: waiting on the customer)' : ''}
          {resolutionDue ? (
            <>
              {' · resolve by '}
              <time dateTime={resolutionDue}>{formatAbsolute(resolutionDue)}</time>
            </>
          ) : null}
        </p>
      ) : null}
      <label htmlFor={id}>Follow up on</label>
      <input
        id={id}
        type="datetime-local"
        value={when}
        onChange={(event) => setWhen(event.target.value)}
      />
      <button type="submit" className="button" disabled={!when || save.isPending}>
        Set follow-up
      </button>
      {status?.followUpAt ? (
        <button type="button" className="button" onClick={() => save.mutate(null)}>
          Cancel follow-up
        </button>
      ) : null}
      <p role="status" className="follow-up__current">
        {status?.followUpAt ? (
          <>
            Follow-up set for{' '}
            <time dateTime={status.followUpAt}>{formatAbsolute(status.followUpAt)}</time>
          </>
        ) : (
          'No follow-up set.'
        )}
      </p>
      {save.error ? (
        <p role="alert" className="form-error">
          {save.error.message}
        </p>
      ) : null}
    </form>
  );
}
