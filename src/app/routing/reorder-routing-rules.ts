import { reorderRoutingRules as saveRuleOrder } from '../../store/routing/routing-rules.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Moves the named rules to the front, in this order; the others follow in theirs. A rule named
 * twice is refused, and another workspace's rule is answered like any unknown one.
 */
export async function reorderRoutingRules(
  context: UseCaseContext,
  ruleIds: string[],
): Promise<void> {
  const { workspaceId, now } = context;
  const { db } = context.store;
  const result = await db.transaction().execute(async (tx) => {
    const saved = await saveRuleOrder(tx, workspaceId, ruleIds, now);
    if (saved.ok)
      await recordChange(tx, context, { kind: 'routing_rule.reordered', after: { ruleIds } });
    return saved;
  });
  if (result.ok) return;
  if (result.unknown.length > 0)
    throw new AppError('routing_rule_not_found', 'no such routing rule', result);
  throw new AppError('invalid_rule_order', 'the order names a rule more than once', result);
}
