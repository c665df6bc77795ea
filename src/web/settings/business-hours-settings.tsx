import { useState } from 'react';
import { useSettingsChange, useTeams } from '../api/settings-queries.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { BusinessHoursFields } from './business-hours-fields.tsx';

import { saveBusinessHours, useBusinessHours, type BusinessHoursInput } from './sla-client.ts';
import { ChangeError, SaveOutcome } from './change-outcome.tsx';

type Props = { workspaceId: string; canEdit: boolean };

/** One team's opening hours, holidays and the reply sent to who writes while it is closed. */
export function BusinessHoursSettings({ workspaceId, canEdit }: Props) {
  const teams = useTeams(workspaceId).data?.items ?? [];
  const [chosen, setChosen] = useState('');
  const teamId = chosen || teams[0]?.id || '';
  const hours = useBusinessHours(workspaceId, teamId);
  const save = useSettingsChange(workspaceId, (input: BusinessHoursInput) =>
    saveBusinessHours(workspaceId, teamId, input),
  );
  return (
    <div className="settings-section">
      <h2>Business hours</h2>
      <p className="muted">
        SLA targets count only a team&apos;s open minutes. A team without hours counts around the
        clock (UTC).
      </p>
      {teams.length === 0 ? <p>Add a team first.</p> : null}
      {teams.length > 0 ? (
        <div className="field">
          <label htmlFor="hours-team">Team</label>
          <select
            id="hours-team"
            value={teamId}
            onChange={(event) => {
              setChosen(event.target.value);
              save.reset();
            }}
          >
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {hours.data ? (
        <>
          <p>
            {hours.data.configured ? '' : 'No hours set: open around the clock. '}
            {hours.data.openNow ? 'Open now.' : 'Closed now.'}
            {!hours.data.openNow && hours.data.nextOpeningAt
              ? ` Opens ${formatAbsolute(hours.data.nextOpeningAt)}.`
              : ''}
          </p>
          <BusinessHoursFields
            key={`${teamId}-${hours.dataUpdatedAt}`}
            idPrefix="hours"
            initial={hours.data}
            readOnly={!canEdit}
            pending={save.isPending}
            onSubmit={(input) => save.mutate(input)}
          />
          <SaveOutcome change={save} />
        </>
      ) : null}
      {hours.isError ? <ChangeError error={hours.error} /> : null}
    </div>
  );
}
