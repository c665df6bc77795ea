import { useState, type FormEvent } from 'react';
import { useSettingsChange, useTeams } from '../api/settings-queries.ts';
import type { Team } from '../api/types.ts';
import { cannedVariables } from '../../domain/canned-response.ts';
import {
  createCanned,
  updateCanned,
  useCannedResponses,
  type CannedInput,
  type CannedResponse,
} from './canned-client.ts';
import { TeamSelect } from './canned-team-select.tsx';
import { ChangeError } from './settings-page.tsx';

type Props = { workspaceId: string; canEdit: boolean };

const variableList = cannedVariables.map((name) => `{{${name}}}`).join(', ');

/** Saved replies agents insert from the composer, for the workspace or for one team. */
export function CannedSettings({ workspaceId, canEdit }: Props) {
  const canned = useCannedResponses(workspaceId);
  const teams = useTeams(workspaceId).data?.items ?? [];
  const create = useSettingsChange(workspaceId, (input: CannedInput) =>
    createCanned(workspaceId, input),
  );
  const [formKey, setFormKey] = useState(0);
  const items = canned.data?.items ?? [];
  return (
    <div className="settings-section">
      <h2>Canned responses</h2>
      <p className="muted">Variables filled in for each conversation: {variableList}.</p>
      {canned.isSuccess && items.length === 0 ? <p>No canned responses yet.</p> : null}
      <ul className="settings-list">
        {items.map((item) => (
          <li key={item.id} className="settings-card">
            <CannedForm workspaceId={workspaceId} item={item} teams={teams} canEdit={canEdit} />
          </li>
        ))}
      </ul>
      {canEdit ? (
        <div className="settings-form">
          <h3>Add a canned response</h3>
          <CannedFields
            key={formKey}
            idPrefix="canned-new"
            initial={{ name: '', body: '', teamId: null }}
            teams={teams}
            submitLabel="Add canned response"
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

function CannedForm({
  workspaceId,
  item,
  teams,
  canEdit,
}: Props & { item: CannedResponse; teams: Team[] }) {
  const save = useSettingsChange(workspaceId, (input: CannedInput) =>
    updateCanned(workspaceId, item.id, input),
  );
  return (
    <>
      <h3>{item.name}</h3>
      <CannedFields
        idPrefix={`canned-${item.id}`}
        initial={item}
        teams={teams}
        submitLabel={`Save ${item.name}`}
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

type FieldsProps = {
  idPrefix: string;
  initial: CannedInput;
  teams: Team[];
  submitLabel: string;
  readOnly?: boolean;
  pending: boolean;
  onSubmit: (input: CannedInput) => void;
};

function CannedFields({
  idPrefix,
  initial,
  teams,
  submitLabel,
  readOnly,
  pending,
  onSubmit,
}: FieldsProps) {
  const [draft, setDraft] = useState(initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({ name: draft.name.trim(), body: draft.body, teamId: draft.teamId });
  };
  return (
    <form onSubmit={submit} aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${idPrefix}-name`}>Name</label>
        <input
          id={`${idPrefix}-name`}
          required
          readOnly={readOnly}
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        />
      </div>
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
