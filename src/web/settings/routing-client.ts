import { useQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { settingsKeys } from '../api/settings-queries.ts';
import type { RoutingDryRun, RoutingRule } from '../../api/contract.ts';

/** One condition of a rule, as the API stores it (src/api/schemas/routing.schema.ts). */
export type RoutingCondition =
  | { field: 'brand' | 'network' | 'intent' | 'language' | 'category' | 'sentiment'; in: string[] }
  | { field: 'complaint'; is: boolean }
  | { field: 'priority' | 'authorFollowers'; atLeast: number }
  | { field: 'keywords'; any: string[] };

export type RoutingActions = {
  teamId?: string;
  priority?: number;
  tags?: string[];
  autoReply?: string;
  skills?: string[];
};

/** What the rule form sends; the server checks each field (a network's name, say) itself. */
export type RoutingRuleInput = {
  name: string;
  enabled: boolean;
  when: RoutingCondition[];
  then: RoutingActions;
};

const rules = (workspaceId: string) => `${ws(workspaceId)}/routing/rules`;
const rule = (workspaceId: string, id: string) => `${rules(workspaceId)}/${encodeURIComponent(id)}`;

export const createRule = (workspaceId: string, input: RoutingRuleInput) =>
  request<RoutingRule>('POST', rules(workspaceId), input);
export const updateRule = (workspaceId: string, id: string, patch: Partial<RoutingRuleInput>) =>
  request<RoutingRule>('PATCH', rule(workspaceId, id), patch);
export const deleteRule = (workspaceId: string, id: string) =>
  request<void>('DELETE', rule(workspaceId, id));
export const reorderRules = (workspaceId: string, ruleIds: string[]) =>
  request<{ items: RoutingRule[] }>('PUT', `${ws(workspaceId)}/routing/order`, { ruleIds });
export const dryRun = (workspaceId: string, text: string) =>
  request<RoutingDryRun>('POST', `${ws(workspaceId)}/routing/dry-run`, { text });

export const useRoutingRules = (workspaceId: string) =>
  useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'routing-rules'],
    queryFn: () => request<{ items: RoutingRule[] }>('GET', rules(workspaceId)),
  });
