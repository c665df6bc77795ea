import { useBrands, useSettingsChange, useTeams } from '../api/settings-queries.ts';
import { deleteRule, reorderRules, updateRule, useRoutingRules } from './routing-client.ts';
import { CategoryTeams } from './category-teams.tsx';
import { RoutingDryRun } from './routing-dry-run.tsx';
import { describeActions, describeCondition } from './routing-labels.ts';
import { RoutingRuleForm } from './routing-rule-form.tsx';
import { ChangeError } from './change-outcome.tsx';
import type { RoutingRule } from '../../api/contract.ts';

type Props = { workspaceId: string; canEdit: boolean };

type RuleChange =
  | { kind: 'enable'; rule: RoutingRule; enabled: boolean }
  | { kind: 'delete'; rule: RoutingRule }
  | { kind: 'order'; ruleIds: string[] };

/** Routing rules in the order they are tried (the first match routes), and a dry run. */
export function RoutingSettings({ workspaceId, canEdit }: Props) {
  const rules = useRoutingRules(workspaceId).data?.items ?? [];
  const teams = useTeams(workspaceId).data?.items ?? [];
  const brands = useBrands(workspaceId).data?.items ?? [];
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? 'a removed team';
  const brandName = (id: string) => brands.find((b) => b.id === id)?.name ?? 'a removed brand';
  const change = useSettingsChange(workspaceId, async (input: RuleChange): Promise<unknown> => {
    if (input.kind === 'enable')
      return updateRule(workspaceId, input.rule.id, { enabled: input.enabled });
    if (input.kind === 'delete') return deleteRule(workspaceId, input.rule.id);
    return reorderRules(workspaceId, input.ruleIds);
  });
  const move = (index: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    change.mutate({ kind: 'order', ruleIds: ids });
  };
  return (
    <div className="settings-section">
      <h2>Routing rules</h2>
      <p className="muted">
        Tried in this order on a conversation’s first mention; the first rule that matches routes
        it. When none matches, its triage category decides.
      </p>
      {rules.length === 0 ? <p>No routing rules yet.</p> : null}
      <ol className="settings-list">
        {rules.map((rule, index) => (
          <li key={rule.id} className="settings-card routing-rule">
            <h3>
              {index + 1}. {rule.name}
            </h3>
            {rule.enabled ? null : <p className="badge">Disabled: not tried</p>}
            <p>
              When{' '}
              {rule.when.length === 0
                ? 'any conversation arrives'
                : rule.when.map((c) => describeCondition(c, brandName)).join(' and ')}
              : {describeActions(rule.then, teamName)}.
            </p>
            {canEdit ? (
              <div className="settings-inline">
                <button
                  type="button"
                  className="button"
                  disabled={change.isPending}
                  onClick={() => change.mutate({ kind: 'enable', rule, enabled: !rule.enabled })}
                >
                  {rule.enabled ? 'Disable' : 'Enable'} {rule.name}
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={`Move ${rule.name} up`}
                  disabled={index === 0 || change.isPending}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={`Move ${rule.name} down`}
                  disabled={index === rules.length - 1 || change.isPending}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={change.isPending}
                  onClick={() => change.mutate({ kind: 'delete', rule })}
                >
                  Remove {rule.name}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <ChangeError error={change.error} />
      {canEdit ? <RoutingRuleForm workspaceId={workspaceId} teams={teams} /> : null}
      <CategoryTeams workspaceId={workspaceId} teams={teams} canEdit={canEdit} />
      <RoutingDryRun workspaceId={workspaceId} />
    </div>
  );
}
