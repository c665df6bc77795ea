import type { Team } from '../../api/contract.ts';

type TeamSelectProps = {
  id: string;
  label: string;
  /** What the empty choice means: the whole workspace, no team… */
  none: string;
  teams: Team[];
  value: string;
  disabled?: boolean;
  onChange: (teamId: string) => void;
};

/** A labelled choice of one of the workspace's teams, or none. */
export function TeamSelect({ id, label, none, teams, value, disabled, onChange }: TeamSelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        disabled={disabled}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{none}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}
