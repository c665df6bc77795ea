import { useState } from 'react';
import { useSettingsChange, useTeams } from '../api/settings-queries.ts';
import type { Team } from '../api/types.ts';
import { ChangeError } from './settings-page.tsx';
import {
  createSlaPolicy,
  replaceSlaPolicy,
  useSlaPolicies,
  type SlaPolicy,
  type SlaPolicyInput,
} from './sla-client.ts';
import { SlaPolicyFields } from './sla-policy-fields.tsx';

type Props = { workspaceId: string; canEdit: boolean };

const emptyPolicy: SlaPolicyInput = {
  name: '',
  teamId: null,
  minPriority: null,
  maxPriority: null,
  firstResponseMinutes: 60,
  nextResponseMinutes: null,
  resolutionMinutes: null,
  warnBeforeMinutes: 15,
  escalation: { notify: true, reassign: null, raisePriorityBy: 0 },
};

/** SLA policies: response and resolution targets, for a team or all, for a priority band. */
export function SlaSettings({ workspaceId, canEdit }: Props) {
  const policies = useSlaPolicies(workspaceId);
  const teams = useTeams(workspaceId).data?.items ?? [];
  const create = useSettingsChange(workspaceId, (input: SlaPolicyInput) =>
    createSlaPolicy(workspaceId, input),
  );
  const [formKey, setFormKey] = useState(0);
  const items = policies.data?.items ?? [];
  return (
    <div className="settings-section">
      <h2>SLA policies</h2>
      <p className="muted">
        Targets count the open minutes of the conversation&apos;s team. A team&apos;s own policy
        wins over a workspace-wide one, then the narrowest priority band.
      </p>
      {policies.isSuccess && items.length === 0 ? <p>No SLA policies yet.</p> : null}
      <ul className="settings-list">
        {items.map((policy) => (
          <li key={policy.id} className="settings-card">
            <PolicyForm workspaceId={workspaceId} policy={policy} teams={teams} canEdit={canEdit} />
          </li>
        ))}
      </ul>
      {canEdit ? (
        <div className="settings-form">
          <h3>Add an SLA policy</h3>
          <SlaPolicyFields
            key={formKey}
            idPrefix="sla-new"
            initial={emptyPolicy}
            teams={teams}
            submitLabel="Add SLA policy"
            pending={create.isPending}
            onSubmit={(input) =>
              create.mutate(input, { onSuccess: () => setFormKey((k) => k + 1) })
            }
          />
          <ChangeError error={create.error} />
        </div>
      ) : null}
    </div>
  );
}

function PolicyForm({
  workspaceId,
  policy,
  teams,
  canEdit,
}: Props & { policy: SlaPolicy; teams: Team[] }) {
  const save = useSettingsChange(workspaceId, (input: SlaPolicyInput) =>
    replaceSlaPolicy(workspaceId, policy.id, input),
  );
  const { id: _id, ...initial } = policy;
  return (
    <>
      <h3>{policy.name}</h3>
      <SlaPolicyFields
        idPrefix={`sla-${policy.id}`}
        initial={initial}
        teams={teams}
        submitLabel={`Save ${policy.name}`}
        readOnly={!canEdit}
        pending={save.isPending}
        onSubmit={(input) => save.mutate(input)}
      />
      <p role="status" className="settings-outcome">
        {save.isSuccess && !save.isPending ? 'Saved.' : ''}
      </p>
      <ChangeError error={save.error} />
    </>
  );
}
