import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { AgentRouting } from '../../api/contract.ts';

type Props = { workspaceId: string; userId: string };

/**
 * Available / Away, beside the user menu: auto-assignment skips an away agent, and one coming
 * back is given the conversations waiting in their teams.
 */
export function AvailabilitySwitch({ workspaceId, userId }: Props) {
  const client = useQueryClient();
  const key = ['availability', workspaceId, userId];
  const me = useQuery({
    queryKey: key,
    queryFn: async () => {
      const agents = await request<{ items: AgentRouting[] }>(
        'GET',
        `${ws(workspaceId)}/routing/agents`,
      );
      return agents.items.find((agent) => agent.userId === userId) ?? null;
    },
  });
  const change = useMutation({
    mutationFn: (available: boolean) =>
      request<AgentRouting>('PUT', `${ws(workspaceId)}/members/me/availability`, { available }),
    onSuccess: (agent) => {
      client.setQueryData(key, agent);
      // Coming back may have brought conversations: the inbox shows them.
      void client.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
    },
  });
  if (!me.data) return null;
  const available = change.isPending ? change.variables : me.data.available;
  return (
    <button
      type="button"
      className={`button button--quiet availability availability--${available ? 'in' : 'away'}`}
      aria-pressed={available}
      title={
        available
          ? 'Available: auto-assignment gives you conversations. Click to go away.'
          : 'Away: auto-assignment skips you. Click to come back.'
      }
      disabled={change.isPending}
      onClick={() => change.mutate(!available)}
    >
      <span className="availability__dot" aria-hidden="true" />
      <span className="availability__label">{available ? 'Available' : 'Away'}</span>
    </button>
  );
}
