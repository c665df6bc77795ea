import type { RoutingRule } from '../../domain/routing.ts';
import {
  createRoutingRule as insertRoutingRule,
  findRoutingRule,
  removeRoutingRule as markRoutingRuleRemoved,
  updateRoutingRule as saveRoutingRuleChanges,
} from '../../store/routing/routing-rules.repository.ts';
import type { RoutingRuleInput } from '../../store/routing/routing-rules.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';
import { checkRuleReferences } from './rule-references.ts';

/** A rule must change something, or it would only hide the rules after it. */
function requireAction(then: RoutingRule['then']): void {
  const acts =
    then.teamId !== undefined ||
    then.priority !== undefined ||
    (then.tags?.length ?? 0) > 0 ||
    then.autoReply !== undefined;
  if (!acts)
    throw new AppError(
      'rule_without_action',
      'a rule needs at least one action: a team, a priority, tags or an automatic reply',
    );
}

const ruleNotFound = () => new AppError('routing_rule_not_found', 'no such routing rule');

/** Adds a routing rule after the others; it may name only this workspace's teams and brands. */
export async function createRoutingRule(context: UseCaseContext, rule: RoutingRuleInput) {
  await checkRuleReferences(context.store.db, context.workspaceId, rule);
  requireAction(rule.then);
  return context.store.db.transaction().execute(async (tx) => {
    const created = await insertRoutingRule(tx, context.workspaceId, rule, context.now);
    await recordChange(tx, context, {
      kind: 'routing_rule.created',
      target: { type: 'routing_rule', id: created.id },
      after: { ...created },
    });
    return created;
  });
}

/** Changes a routing rule; what it becomes must still do something. */
export async function updateRoutingRule(
  context: UseCaseContext,
  ruleId: string,
  patch: Partial<RoutingRuleInput>,
) {
  const { workspaceId, now } = context;
  const { db } = context.store;
  const current = await findRoutingRule(db, workspaceId, ruleId);
  if (!current) throw ruleNotFound();
  await checkRuleReferences(db, workspaceId, patch);
  requireAction(patch.then ?? current.then);
  return db.transaction().execute(async (tx) => {
    const rule = await saveRoutingRuleChanges(tx, workspaceId, ruleId, patch, now);
    if (!rule) throw ruleNotFound();
    await recordChange(tx, context, {
      kind: 'routing_rule.updated',
      target: { type: 'routing_rule', id: ruleId },
      before: { ...current },
      after: { ...rule },
    });
    return rule;
  });
}

/** Removes a routing rule; conversations it routed keep naming it, and removing twice is no error. */
export async function removeRoutingRule(context: UseCaseContext, ruleId: string): Promise<void> {
  await context.store.db.transaction().execute(async (tx) => {
    const before = await findRoutingRule(tx, context.workspaceId, ruleId);
    const result = await markRoutingRuleRemoved(tx, context.workspaceId, ruleId, context.now);
    if (result === 'not_found') throw ruleNotFound();
    // Removing twice is no error, and only the first time is a change.
    if (before)
      await recordChange(tx, context, {
        kind: 'routing_rule.removed',
        target: { type: 'routing_rule', id: ruleId },
        before: { ...before },
      });
  });
}
