import { useState, type FormEvent } from 'react';
import { useSettingsChange } from '../api/settings-queries.ts';
import type { Team } from '../../api/contract.ts';
import { createRule, type RoutingCondition, type RoutingRuleInput } from './routing-client.ts';
import { TeamSelect } from './canned-team-select.tsx';
import { ChangeError } from './change-outcome.tsx';
import { splitList } from './split-list.ts';

const empty = {
  name: '',
  keywords: '',
  categories: '',
  sentiment: '',
  teamId: '',
  priority: '',
  tags: '',
};
type Draft = typeof empty;

/** The draft as the API takes it: only the conditions and actions that were filled in. */
function toRule(draft: Draft): RoutingRuleInput {
  const when: RoutingCondition[] = [];
  const keywords = splitList(draft.keywords);
  if (keywords.length) when.push({ field: 'keywords', any: keywords });
  const categories = splitList(draft.categories).map((c) => c.toUpperCase());
  if (categories.length) when.push({ field: 'category', in: categories });
  if (draft.sentiment) when.push({ field: 'sentiment', in: [draft.sentiment] });
  const tags = splitList(draft.tags);
  return {
    name: draft.name.trim(),
    enabled: true,
    when,
    then: {
      ...(draft.teamId ? { teamId: draft.teamId } : {}),
      ...(draft.priority !== '' ? { priority: Number(draft.priority) } : {}),
      ...(tags.length ? { tags } : {}),
    },
  };
}

/** Adds a rule at the end of the order. */
export function RoutingRuleForm({ workspaceId, teams }: { workspaceId: string; teams: Team[] }) {
  const create = useSettingsChange(workspaceId, (rule: RoutingRuleInput) =>
    createRule(workspaceId, rule),
  );
  const [draft, setDraft] = useState(empty);
  const field = (name: keyof Draft, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`rule-${name}`}>{label}</label>
      <input
        id={`rule-${name}`}
        value={draft[name]}
        placeholder={hint}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </div>
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(toRule(draft), { onSuccess: () => setDraft(empty) });
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Add a routing rule">
      <h3>Add a rule</h3>
      <div className="field">
        <label htmlFor="rule-name">Rule name</label>
        <input
          id="rule-name"
          required
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        />
      </div>
      {field('keywords', 'When it mentions any of (comma-separated)', 'refund, money back')}
      {field('categories', 'When its category is (comma-separated)', 'REFUND')}
      <div className="field">
        <label htmlFor="rule-sentiment">When its sentiment is</label>
        <select
          id="rule-sentiment"
          value={draft.sentiment}
          onChange={(event) => setDraft({ ...draft, sentiment: event.target.value })}
        >
          <option value="">Any</option>
          <option value="negative">Negative</option>
          <option value="neutral">Neutral</option>
          <option value="positive">Positive</option>
        </select>
      </div>
      <TeamSelect
        id="rule-teamId"
        label="Route to team"
        none="No team"
        teams={teams}
        value={draft.teamId}
        onChange={(teamId) => setDraft({ ...draft, teamId })}
      />
      <div className="field">
        <label htmlFor="rule-priority">Set priority (0–100)</label>
        <input
          id="rule-priority"
          type="number"
          min={0}
          max={100}
          value={draft.priority}
          onChange={(event) => setDraft({ ...draft, priority: event.target.value })}
        />
      </div>
      {field('tags', 'Add tags (comma-separated)')}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        Add rule
      </button>
      <ChangeError error={create.error} />
    </form>
  );
}
