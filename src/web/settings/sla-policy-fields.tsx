import { useState, type FormEvent } from 'react';
import type { Team } from '../../api/contract.ts';
import { TeamSelect } from './canned-team-select.tsx';
import type { SlaPolicyInput } from './sla-client.ts';
import { TextField, type FieldsProps } from './settings-forms.tsx';

type NumberKey =
  | 'minPriority'
  | 'maxPriority'
  | 'firstResponseMinutes'
  | 'nextResponseMinutes'
  | 'resolutionMinutes';

const numberFields: { key: NumberKey; label: string }[] = [
  { key: 'minPriority', label: 'Lowest priority (0–100, empty: any)' },
  { key: 'maxPriority', label: 'Highest priority (0–100, empty: any)' },
  { key: 'firstResponseMinutes', label: 'First response within (minutes)' },
  { key: 'nextResponseMinutes', label: 'Next response within (minutes)' },
  { key: 'resolutionMinutes', label: 'Resolution within (minutes)' },
];

const toNumber = (text: string) => (text.trim() === '' ? null : Number(text));

/** The fields of one SLA policy; the server checks the values and says what is wrong. */
export function SlaPolicyFields(props: FieldsProps<SlaPolicyInput> & { teams: Team[] }) {
  const { idPrefix, initial, teams, submitLabel, readOnly, pending, onSubmit } = props;
  const [draft, setDraft] = useState(initial);
  const reassign = draft.escalation.reassign;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({ ...draft, name: draft.name.trim() });
  };
  const escalate = (change: Partial<SlaPolicyInput['escalation']>) =>
    setDraft({ ...draft, escalation: { ...draft.escalation, ...change } });
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
        label="Team"
        none="Every team"
        teams={teams}
        value={draft.teamId ?? ''}
        disabled={readOnly}
        onChange={(teamId) => setDraft({ ...draft, teamId: teamId || null })}
      />
      {numberFields.map(({ key, label }) => (
        <div className="field" key={key}>
          <label htmlFor={`${idPrefix}-${key}`}>{label}</label>
          <input
            id={`${idPrefix}-${key}`}
            type="number"
            min={key.endsWith('Priority') ? 0 : 1}
            readOnly={readOnly}
            value={draft[key] ?? ''}
            onChange={(event) => setDraft({ ...draft, [key]: toNumber(event.target.value) })}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${idPrefix}-warn`}>Warn this many minutes before a target</label>
        <input
          id={`${idPrefix}-warn`}
          type="number"
          min={0}
          readOnly={readOnly}
          value={draft.warnBeforeMinutes}
          onChange={(event) =>
            setDraft({ ...draft, warnBeforeMinutes: toNumber(event.target.value) ?? 0 })
          }
        />
      </div>
      <fieldset disabled={readOnly}>
        <legend>On a breach</legend>
        <div className="field field--inline">
          <input
            id={`${idPrefix}-notify`}
            type="checkbox"
            checked={draft.escalation.notify}
            onChange={(event) => escalate({ notify: event.target.checked })}
          />
          <label htmlFor={`${idPrefix}-notify`}>Raise an alert</label>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-reassign`}>Move it</label>
          <select
            id={`${idPrefix}-reassign`}
            value={reassign ? (reassign.teamId ?? 'queue') : ''}
            onChange={(event) => {
              const value = event.target.value;
              escalate({ reassign: value ? { teamId: value === 'queue' ? null : value } : null });
            }}
          >
            <option value="">Leave it where it is</option>
            <option value="queue">Unassign it in its team</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                To {team.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-raise`}>Raise its priority by</label>
          <input
            id={`${idPrefix}-raise`}
            type="number"
            min={0}
            max={100}
            value={draft.escalation.raisePriorityBy}
            onChange={(event) => escalate({ raisePriorityBy: toNumber(event.target.value) ?? 0 })}
          />
        </div>
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
      )}
    </form>
  );
}
