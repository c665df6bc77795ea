import { useState, type FormEvent } from 'react';
import { useSettingsChange, useTeams } from '../api/settings-queries.ts';
import type { CannedResponse, Team } from '../../api/contract.ts';
import { cannedVariables } from '../../domain/canned-response.ts';
import {
  createCanned,
  updateCanned,
  useCannedResponses,
  type CannedInput,
} from './canned-client.ts';
import { TeamSelect } from './canned-team-select.tsx';
import { AddForm, EditCard, TextField, type FieldsProps } from './settings-forms.tsx';
import { SettingsList } from './settings-list.tsx';

type Props = { workspaceId: string; canEdit: boolean };

const variableList = cannedVariables.map((name) => `{{${name}}}`).join(', ');

/** Saved replies agents insert from the composer, for the workspace or for one team. */
export function CannedSettings({ workspaceId, canEdit }: Props) {
  const canned = useCannedResponses(workspaceId);
  const teams = useTeams(workspaceId).data?.items ?? [];
  const create = useSettingsChange(workspaceId, (input: CannedInput) =>
    createCanned(workspaceId, input),
  );
  return (
    <SettingsList
      title="Canned responses"
      intro={`Variables filled in for each conversation: ${variableList}.`}
      items={canned.data?.items ?? []}
      empty="No canned responses yet."
      loaded={canned.isSuccess}
      itemKey={(item) => item.id}
      renderItem={(item) => (
        <CannedCard workspaceId={workspaceId} item={item} teams={teams} canEdit={canEdit} />
      )}
      addForm={
        canEdit ? (
          <AddForm<CannedInput>
            title="Add a canned response"
            idPrefix="canned-new"
            empty={{ name: '', body: '', teamId: null }}
            submitLabel="Add canned response"
            create={create}
            renderFields={(fields) => <CannedFields {...fields} teams={teams} />}
          />
        ) : null
      }
    />
  );
}

function CannedCard({
  workspaceId,
  item,
  teams,
  canEdit,
}: Props & { item: CannedResponse; teams: Team[] }) {
  const save = useSettingsChange(workspaceId, (input: CannedInput) =>
    updateCanned(workspaceId, item.id, input),
  );
  return (
    <EditCard<CannedInput>
      name={item.name}
      idPrefix={`canned-${item.id}`}
      initial={item}
      canEdit={canEdit}
      save={save}
      renderFields={(fields) => <CannedFields {...fields} teams={teams} />}
    />
  );
}

function CannedFields({
  idPrefix,
  initial,
  teams,
  submitLabel,
  readOnly,
  pending,
  onSubmit,
}: FieldsProps<CannedInput> & { teams: Team[] }) {
  const [draft, setDraft] = useState(initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({ name: draft.name.trim(), body: draft.body, teamId: draft.teamId });
  };
  return (
    <form onSubmit={submit} aria-label={submitLabel}>
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        readOnly={readOnly}
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
      />
      <TeamSelect
        id={`${idPrefix}-team`}
        label="For"
        none="The whole workspace"
        teams={teams}
        value={draft.teamId ?? ''}
        disabled={readOnly}
        onChange={(teamId) => setDraft({ ...draft, teamId: teamId || null })}
      />
      <div className="field">
        <label htmlFor={`${idPrefix}-body`}>Text</label>
        <textarea
          id={`${idPrefix}-body`}
          required
          rows={4}
          readOnly={readOnly}
          value={draft.body}
          onChange={(event) => setDraft({ ...draft, body: event.target.value })}
        />
      </div>
      {readOnly ? null : (
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
      )}
    </form>
  );
}
