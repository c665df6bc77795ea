import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { request, ws } from '../api/client.ts';
import { settingsKeys, useSettingsChange } from '../api/settings-queries.ts';
import type { CategoryTeams as CategoryTeamsSetting, Team } from '../../api/contract.ts';
import { INTENT_CATEGORIES } from '../../domain/triage-labels.ts';
import { SaveOutcome } from './change-outcome.tsx';

/** The eleven Bitext categories, then SOCIAL: praise, ideas, questions and anything else. */
const categories = [...new Set(Object.values(INTENT_CATEGORIES))];
const categoryLabel = (category: string) =>
  category === 'SOCIAL' ? 'SOCIAL (praise, ideas, questions, other)' : category;

const path = (workspaceId: string) => `${ws(workspaceId)}/routing/categories`;

const useSaveCategoryTeams = (workspaceId: string) =>
  useSettingsChange(workspaceId, (categoryTeams: Record<string, string>) =>
    request<CategoryTeamsSetting>('PUT', path(workspaceId), { categoryTeams }),
  );

/** Where a conversation goes when no rule matches: its triage category decides the team. */
export function CategoryTeams({
  workspaceId,
  teams,
  canEdit,
}: {
  workspaceId: string;
  teams: Team[];
  canEdit: boolean;
}) {
  const map = useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'category-teams'],
    queryFn: () => request<CategoryTeamsSetting>('GET', path(workspaceId)),
  });
  // Held here, not in the table: the table remounts on each refetch, and "Saved." must outlive it.
  const save = useSaveCategoryTeams(workspaceId);
  if (!map.data) return null;
  return (
    <CategoryTable
      key={map.dataUpdatedAt}
      save={save}
      teams={teams}
      canEdit={canEdit}
      initial={map.data.categoryTeams}
    />
  );
}

type TableProps = {
  save: ReturnType<typeof useSaveCategoryTeams>;
  teams: Team[];
  canEdit: boolean;
  initial: Record<string, string>;
};

function CategoryTable({ save, teams, canEdit, initial }: TableProps) {
  const [draft, setDraft] = useState(initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(draft);
  };
  return (
    <form className="settings-form" onSubmit={submit} aria-label="Teams by category">
      <h3>When no rule matches</h3>
      <table className="settings-table">
        <caption className="visually-hidden">The team for each triage category</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Team</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((category) => (
            <tr key={category}>
              <th scope="row">{categoryLabel(category)}</th>
              <td>
                <select
                  aria-label={`Team for ${category}`}
                  disabled={!canEdit}
                  value={draft[category] ?? ''}
                  onChange={(event) => {
                    const { [category]: _old, ...rest } = draft;
                    const teamId = event.target.value;
                    setDraft(teamId ? { ...rest, [category]: teamId } : rest);
                  }}
                >
                  <option value="">No team</option>
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit ? (
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          Save the category map
        </button>
      ) : null}
      <SaveOutcome change={save} />
    </form>
  );
}
