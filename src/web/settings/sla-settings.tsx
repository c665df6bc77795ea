import { useSettingsChange, useTeams } from '../api/settings-queries.ts';
import type { SlaPolicy, Team } from '../../api/contract.ts';
import { AddForm, EditCard } from './settings-forms.tsx';
import { SettingsList } from './settings-list.tsx';
import {
  createSlaPolicy,
  replaceSlaPolicy,
  useSlaPolicies,
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
  return (
    <SettingsList
      title="SLA policies"
      intro={
        "Targets count the open minutes of the conversation's team. A team's own policy wins " +
        'over a workspace-wide one, then the narrowest priority band.'
      }
      items={policies.data?.items ?? []}
      empty="No SLA policies yet."
      loaded={policies.isSuccess}
      itemKey={(policy) => policy.id}
      renderItem={(policy) => (
        <PolicyCard workspaceId={workspaceId} policy={policy} teams={teams} canEdit={canEdit} />
      )}
      addForm={
        canEdit ? (
          <AddForm<SlaPolicyInput>
            title="Add an SLA policy"
            idPrefix="sla-new"
            empty={emptyPolicy}
            submitLabel="Add SLA policy"
            create={create}
            renderFields={(fields) => <SlaPolicyFields {...fields} teams={teams} />}
          />
        ) : null
      }
    />
  );
}

function PolicyCard({
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
    <EditCard<SlaPolicyInput>
      name={policy.name}
      idPrefix={`sla-${policy.id}`}
      initial={initial}
      canEdit={canEdit}
      save={save}
      renderFields={(fields) => <SlaPolicyFields {...fields} teams={teams} />}
    />
  );
}
