import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { slaState } from '../../domain/sla.ts';
import type { SlaState } from '../../domain/sla.ts';
import type { SlaPolicyRule } from '../../domain/sla-escalation.ts';
import type { Database } from '../../store/schema.ts';
import { findSlaClock } from '../../store/sla/sla-clock.repository.ts';
import { listConversationEscalations } from '../../store/sla/sla-escalations.repository.ts';
import { listSlaPolicies } from '../../store/sla/sla-policies.repository.ts';
import { setFollowUp } from '../../app/sla/set-follow-up.ts';
import { createSlaPolicy, removeSlaPolicy, replaceSlaPolicy } from '../../app/sla/sla-policies.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { ConversationParams } from '../schemas/conversation.schema.ts';
import {
  FollowUpBody,
  PolicyParams,
  SlaPolicyBody,
  SlaPolicySchema,
  SlaStatusSchema,
} from '../schemas/sla.schema.ts';

const policies = '/api/v1/workspaces/{workspaceId}/sla-policies';
const conversation = '/api/v1/workspaces/{workspaceId}/conversations/{conversationId}';

const list = defineRoute({
  method: 'get',
  path: policies,
  access: 'workspace',
  role: 'agent',
  tags: ['sla'],
  summary: 'SLA policies: targets per team and priority band, and what a breach does',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(SlaPolicySchema) }), 'Policies') },
});

const create = defineRoute({
  method: 'post',
  path: policies,
  access: 'workspace',
  role: 'admin',
  tags: ['sla'],
  summary: 'Create an SLA policy (running clocks are recomputed)',
  request: { params: WorkspaceParams, ...jsonBody(SlaPolicyBody) },
  responses: { 201: jsonResponse(SlaPolicySchema, 'The policy') },
});

const replace = defineRoute({
  method: 'put',
  path: `${policies}/{policyId}`,
  access: 'workspace',
  role: 'admin',
  tags: ['sla'],
  summary: 'Replace an SLA policy (running clocks are recomputed)',
  request: { params: PolicyParams, ...jsonBody(SlaPolicyBody) },
  responses: { 200: jsonResponse(SlaPolicySchema, 'The policy') },
});

const remove = defineRoute({
  method: 'delete',
  path: `${policies}/{policyId}`,
  access: 'workspace',
  role: 'admin',
  tags: ['sla'],
  summary: 'Remove an SLA policy (a second removal answers the same)',
  request: { params: PolicyParams },
  responses: { 204: { description: 'Removed' } },
});

const status = defineRoute({
  method: 'get',
  path: `${conversation}/sla`,
  access: 'workspace',
  role: 'viewer',
  tags: ['sla'],
  summary: "A conversation's SLA clock: due times, state, pauses, escalations, follow-up",
  request: { params: ConversationParams },
  responses: { 200: jsonResponse(SlaStatusSchema, 'The SLA clock') },
});

const followUp = defineRoute({
  method: 'post',
  path: `${conversation}/follow-up`,
  access: 'workspace',
  role: 'agent',
  tags: ['sla'],
  summary: 'Update this customer by …: the conversation returns to you (open, assigned) then',
  request: { params: ConversationParams, ...jsonBody(FollowUpBody) },
  responses: { 200: jsonResponse(SlaStatusSchema, 'The SLA clock with the follow-up') },
});

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const severity: SlaState[] = ['none', 'ok', 'at_risk', 'breached'];

async function slaStatus(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
  now: Date,
) {
  const clock = await findSlaClock(db, workspaceId, conversationId);
  if (!clock) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
  const policy: SlaPolicyRule | undefined = clock.sla_policy_id
    ? (await listSlaPolicies(db, workspaceId)).find((p) => p.id === clock.sla_policy_id)
    : undefined;
  const dues = [clock.first_response_due_at, clock.next_response_due_at, clock.resolution_due_at];
  const state = dues
    .map((due) => slaState(due, now, policy?.warnBeforeMinutes ?? 0))
    .reduce((worst, s) => (severity.indexOf(s) > severity.indexOf(worst) ? s : worst), 'none');
  const escalations = await listConversationEscalations(db, workspaceId, conversationId);
  return {
    conversationId,
    policyId: clock.sla_policy_id,
    firstResponseDueAt: iso(clock.first_response_due_at),
    nextResponseDueAt: iso(clock.next_response_due_at),
    resolutionDueAt: iso(clock.resolution_due_at),
    state,
    paused: clock.sla_paused_since !== null,
    pausedMinutes: Math.round(clock.sla_paused_minutes),
    followUpAt: iso(clock.follow_up_at),
    followUpUserId: clock.follow_up_user_id,
    escalations: escalations.map((e) => ({
      target: e.target,
      kind: e.kind,
      dueAt: e.due_at.toISOString(),
      at: e.created_at.toISOString(),
    })),
  };
}

export const slaRoutes = createRouter()
  .openapi(list, async (c) =>
    c.json({ items: await listSlaPolicies(c.var.deps.store.db, c.var.workspaceId) }, 200),
  )
  .openapi(create, async (c) =>
    c.json(await createSlaPolicy(useCaseContext(c.var), c.req.valid('json')), 201),
  )
  .openapi(replace, async (c) => {
    const { policyId } = c.req.valid('param');
    return c.json(
      await replaceSlaPolicy(useCaseContext(c.var), policyId, c.req.valid('json')),
      200,
    );
  })
  .openapi(remove, async (c) => {
    const { policyId } = c.req.valid('param');
    await removeSlaPolicy(useCaseContext(c.var), policyId);
    return c.body(null, 204);
  })
  .openapi(status, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { store, now } = c.var.deps;
    return c.json(await slaStatus(store.db, c.var.workspaceId, conversationId, now()), 200);
  })
  .openapi(followUp, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { dueAt } = c.req.valid('json');
    const context = useCaseContext(c.var);
    await setFollowUp(context, conversationId, dueAt ? new Date(dueAt) : null);
    return c.json(
      await slaStatus(context.store.db, context.workspaceId, conversationId, context.now),
      200,
    );
  });
