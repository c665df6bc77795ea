import type { RoutingActions, RoutingCondition } from './routing-client.ts';

type Names = (id: string) => string;

/** "category is REFUND or BILLING", as a person would say the condition. */
export function describeCondition(condition: RoutingCondition, brandName: Names): string {
  switch (condition.field) {
    case 'complaint':
      return condition.is ? 'is a complaint' : 'is not a complaint';
    case 'priority':
      return `priority is at least ${condition.atLeast}`;
    case 'authorFollowers':
      return `the author has at least ${condition.atLeast} followers`;
    case 'keywords':
      return `mentions any of ${condition.any.join(', ')}`;
    case 'brand':
      return `brand is ${condition.in.map(brandName).join(' or ')}`;
    default:
      return `${condition.field} is ${condition.in.join(' or ')}`;
  }
}

/** "to Billing, priority 80, tagged refund". */
export function describeActions(then: RoutingActions, teamName: Names): string {
  const parts: string[] = [];
  if (then.teamId) parts.push(`to ${teamName(then.teamId)}`);
  if (then.priority !== undefined) parts.push(`priority ${then.priority}`);
  if (then.tags?.length) parts.push(`tagged ${then.tags.join(', ')}`);
  if (then.skills?.length) parts.push(`needs ${then.skills.join(', ')}`);
  if (then.autoReply) parts.push('replies automatically');
  return parts.join(', ');
}
