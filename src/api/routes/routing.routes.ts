import { z } from '@hono/zod-openapi';
import { reorderRoutingRules } from '../../app/routing/reorder-routing-rules.ts';
import {
  createRoutingRule,
  removeRoutingRule,
  updateRoutingRule,
} from '../../app/routing/routing-rules.ts';
import { findRoutingDecision } from '../../store/routing/routing-decisions.repository.ts';
import { listRoutingRules } from '../../store/routing/routing-rules.repository.ts';
import type { StoredRoutingRule } from '../../store/routing/routing-rules.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { ConversationParams } from '../schemas/conversation.schema.ts';
import {
  CreateRoutingRuleBody,
  ReorderBody,
  RoutingDecisionSchema,
  RoutingRuleSchema,
  RuleParams,
  UpdateRoutingRuleBody,
} from '../schemas/routing.schema.ts';
import type { RoutingConditionSchema } from '../schemas/routing.schema.ts';
import { useCaseContext } from '../use-case-context.ts';

const rules = '/api/v1/workspaces/{workspaceId}/routing/rules';
const RuleList = z.object({ items: z.array(RoutingRuleSchema) });

const list = defineRoute({
  method: 'get',
  path: rules,
  access: 'workspace',
  role: 'agent',
  tags: ['routing'],
  summary: 'Routing rules in the order they are evaluated (the first match routes)',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(RuleList, 'The rules') },
});

const create = defineRoute({
  method: 'post',
  path: rules,
  access: 'workspace',
  role: 'admin',
  tags: ['routing'],
  summary: 'Add a routing rule at the end of the order',
  request: { params: WorkspaceParams, ...jsonBody(CreateRoutingRuleBody) },
  responses: {
    201: jsonResponse(RoutingRuleSchema, 'The rule'),
    422: { description: 'The rule does nothing (no team, priority, tags or reply)' },
  },
});

const update = defineRoute({
  method: 'patch',
  path: `${rules}/{ruleId}`,
  access: 'workspace',
  role: 'admin',
  tags: ['routing'],
  summary: 'Change a routing rule (name, enabled, conditions or actions)',
  request: { params: RuleParams, ...jsonBody(UpdateRoutingRuleBody) },
  responses: {
    200: jsonResponse(RoutingRuleSchema, 'The rule'),
    422: { description: 'The rule would do nothing' },
  },
});

const remove = defineRoute({
  method: 'delete',
  path: `${rules}/{ruleId}`,
  access: 'workspace',
  role: 'admin',
  tags: ['routing'],
  summary:
    'Remove a routing rule (conversations it routed keep naming it; removing twice is no error)',
  request: { params: RuleParams },
  responses: { 204: { description: 'Removed' } },
});

const reorder = defineRoute({
  method: 'put',
  path: '/api/v1/workspaces/{workspaceId}/routing/order',
  access: 'workspace',
  role: 'admin',
  tags: ['routing'],
  summary:
    'Move the named rules to the front, in this order; the others follow in their order (name them all to set the whole order)',
  request: { params: WorkspaceParams, ...jsonBody(ReorderBody) },
  responses: {
    200: jsonResponse(RuleList, 'The rules in their new order'),
    422: { description: 'The list names a rule twice' },
  },
});

const decision = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/conversations/{conversationId}/routing',
  access: 'workspace',
  role: 'viewer',
  tags: ['routing'],
  summary: 'What routing decided on first touch, and why ("routed to Billing by rule \'refunds\'")',
  request: { params: ConversationParams },
  responses: { 200: jsonResponse(RoutingDecisionSchema, 'The decision') },
});

function toJson(rule: StoredRoutingRule) {
  return {
    ...rule,
    // Stored only after RoutingConditionSchema accepted it: the same shape comes back.
    when: rule.when as Array<z.infer<typeof RoutingConditionSchema>>,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}

export const routingRuleRoutes = createRouter()
  .openapi(list, async (c) => {
    const items = await listRoutingRules(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ items: items.map(toJson) }, 200);
  })
  .openapi(create, async (c) => {
    const rule = await createRoutingRule(useCaseContext(c.var), c.req.valid('json'));
    return c.json(toJson(rule), 201);
  })
  .openapi(reorder, async (c) => {
    const { ruleIds } = c.req.valid('json');
    const context = useCaseContext(c.var);
    await reorderRoutingRules(context, ruleIds);
    return c.json(
      { items: (await listRoutingRules(context.store.db, context.workspaceId)).map(toJson) },
      200,
    );
  })
  .openapi(update, async (c) => {
    const { ruleId } = c.req.valid('param');
    const rule = await updateRoutingRule(useCaseContext(c.var), ruleId, c.req.valid('json'));
    return c.json(toJson(rule), 200);
  })
  .openapi(remove, async (c) => {
    const { ruleId } = c.req.valid('param');
    await removeRoutingRule(useCaseContext(c.var), ruleId);
    return c.body(null, 204);
  })
  .openapi(decision, async (c) => {
    const { conversationId } = c.req.valid('param');
    const row = await findRoutingDecision(c.var.deps.store.db, c.var.workspaceId, conversationId);
    if (!row) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
    return c.json({ ...row, routedAt: row.routedAt?.toISOString() ?? null }, 200);
  });
