import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { request, ws } from '../api/client.ts';
import { settingsKeys, useSettingsChange } from '../api/settings-queries.ts';
import { SaveOutcome } from './change-outcome.tsx';
import type { AgentRouting } from '../../api/contract.ts';

type RoutingInput = { maxOpen: number | null; skills: string[] };

type Props = { workspaceId: string; canEdit: boolean };

/** Capacity (most open conversations at once) and skills of each member who takes conversations. */
export function MemberRouting({ workspaceId, canEdit }: Props) {
  const agents = useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'agents'],
    queryFn: () => request<{ items: AgentRouting[] }>('GET', `${ws(workspaceId)}/routing/agents`),
  });
  return (
    <div className="settings-section">
      <h2>Capacity and skills</h2>
      <p className="muted">
        Auto-assignment skips a member who has as many open conversations as their capacity, and one
        without the skills a routing rule asks for.
      </p>
      <ul className="settings-list">
        {(agents.data?.items ?? []).map((agent) => (
          <li key={agent.userId} className="settings-card">
            <AgentCard
              workspaceId={workspaceId}
              canEdit={canEdit}
              agent={agent}
              loadedAt={agents.dataUpdatedAt}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

type AgentProps = Props & { agent: AgentRouting };

/**
 * Holds the save, so "Saved." outlives the form: the form remounts on each refetch (loadedAt)
 * to start again from what the server has.
 */
function AgentCard({ loadedAt, ...props }: AgentProps & { loadedAt: number }) {
  const { workspaceId, agent } = props;
  const save = useSettingsChange(workspaceId, (input: RoutingInput) =>
    request<AgentRouting>(
      'PUT',
      `${ws(workspaceId)}/members/${encodeURIComponent(agent.userId)}/routing`,
      input,
    ),
  );
  return <AgentForm key={loadedAt} {...props} save={save} />;
}

function AgentForm({
  canEdit,
  agent,
  save,
}: AgentProps & { save: ReturnType<typeof useSettingsChange<RoutingInput, AgentRouting>> }) {
  const [capacity, setCapacity] = useState(agent.maxOpen === null ? '' : String(agent.maxOpen));
  const [skills, setSkills] = useState(agent.skills);
  const [newSkill, setNewSkill] = useState('');
  const addSkill = () => {
    const skill = newSkill.trim();
    if (skill && !skills.includes(skill)) setSkills([...skills, skill]);
    setNewSkill('');
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ maxOpen: capacity.trim() === '' ? null : Number(capacity), skills });
  };
  const id = `agent-${agent.userId}`;
  return (
    <form onSubmit={submit} aria-label={`Routing of ${agent.name}`}>
      <h3>{agent.name}</h3>
      <p className="muted">
        {agent.available ? 'Available' : 'Away'}, {agent.openCount} open
      </p>
      <div className="field">
        <label htmlFor={`${id}-capacity`}>Capacity of {agent.name} (empty: no limit)</label>
        <input
          id={`${id}-capacity`}
          type="number"
          min={0}
          max={10_000}
          readOnly={!canEdit}
          value={capacity}
          onChange={(event) => setCapacity(event.target.value)}
        />
      </div>
      <ul className="chips" aria-label={`Skills of ${agent.name}`}>
        {skills.map((skill) => (
          <li key={skill} className="badge">
            {skill}
            {canEdit ? (
              <button
                type="button"
                className="button button--quiet"
                aria-label={`Remove ${skill} from ${agent.name}`}
                onClick={() => setSkills(skills.filter((s) => s !== skill))}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <>
          <div className="settings-inline">
            <label htmlFor={`${id}-skill`}>New skill for {agent.name}</label>
            <input
              id={`${id}-skill`}
              maxLength={100}
              value={newSkill}
              onChange={(event) => setNewSkill(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addSkill();
                }
              }}
            />
            <button type="button" className="button" onClick={addSkill}>
              Add skill
            </button>
          </div>
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            Save {agent.name}
          </button>
        </>
      ) : null}
      <SaveOutcome change={save} />
    </form>
  );
}
