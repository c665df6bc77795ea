import { z } from '@hono/zod-openapi';
import { networks, replyLengthLimits } from '../../domain/network.ts';
import { roles } from '../../domain/roles.ts';
import { Name, Uuid } from './common.schema.ts';

// The bodies mirror the domain's RoutingRule (src/domain/routing.ts) field for field, so what the
// API accepts is exactly what routing evaluates, and is stored as it is.

const Label = z.string().trim().min(1).max(100);
/** An automatic reply is sent wherever the rule matches, so it must fit the shortest network. */
const autoReplyLimit = Math.min(...Object.values(replyLengthLimits));
const Labels = z.array(Label).min(1).max(50);
/** A triage category, as the intent model names them (REFUND, DELIVERY, …). */
const Category = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'a category is written in capitals, like REFUND');

export const RoutingConditionSchema = z
  .discriminatedUnion('field', [
    z.strictObject({ field: z.literal('brand'), in: z.array(Uuid).min(1).max(50) }),
    z.strictObject({ field: z.literal('network'), in: z.array(z.enum(networks)).min(1) }),
    z.strictObject({ field: z.enum(['intent', 'language']), in: Labels }),
    z.strictObject({ field: z.literal('category'), in: z.array(Category).min(1).max(50) }),
    z.strictObject({
      field: z.literal('sentiment'),
      in: z.array(z.enum(['negative', 'neutral', 'positive'])).min(1),
    }),
    z.strictObject({ field: z.literal('complaint'), is: z.boolean() }),
    z.strictObject({ field: z.literal('priority'), atLeast: z.int().min(0).max(100) }),
    z.strictObject({ field: z.literal('authorFollowers'), atLeast: z.int().min(0) }),
    z.strictObject({ field: z.literal('keywords'), any: Labels }),
  ])
  .openapi('RoutingCondition');

export const RoutingActionsSchema = z
  .strictObject({
    teamId: Uuid.optional(),
    priority: z.int().min(0).max(100).optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
    autoReply: z.string().trim().min(1).max(autoReplyLimit).optional(),
    skills: z.array(Label).max(20).optional(),
  })
  .openapi('RoutingActions');

const ruleFields = {
  name: Name,
  enabled: z.boolean(),
  when: z.array(RoutingConditionSchema).max(20),
  then: RoutingActionsSchema,
};

export const CreateRoutingRuleBody = z
  .strictObject({ ...ruleFields, enabled: ruleFields.enabled.default(true) })
  .openapi('CreateRoutingRuleBody');

export const UpdateRoutingRuleBody = z
  .strictObject({
    name: ruleFields.name.optional(),
    enabled: ruleFields.enabled.optional(),
    when: ruleFields.when.optional(),
    then: ruleFields.then.optional(),
  })
  .openapi('UpdateRoutingRuleBody');

export const RoutingRuleSchema = z
  .object({
    id: z.string(),
    position: z.int(),
    ...ruleFields,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('RoutingRule');

export const RuleParams = z.object({
  workspaceId: Uuid.openapi({ param: { name: 'workspaceId', in: 'path' } }),
  ruleId: Uuid.openapi({ param: { name: 'ruleId', in: 'path' } }),
});

export const ReorderBody = z
  .strictObject({ ruleIds: z.array(Uuid).max(500) })
  .openapi('ReorderRoutingRulesBody');

export const CategoryTeamsSchema = z
  .object({ categoryTeams: z.record(Category, Uuid) })
  .openapi('CategoryTeams');
export const CategoryTeamsBody = z
  .strictObject({ categoryTeams: z.record(Category, Uuid) })
  .openapi('CategoryTeamsBody');

export const DryRunBody = z
  .strictObject({
    text: z.string().min(1).max(10_000),
    network: z.enum(networks).default('webhook'),
    brandId: Uuid.optional(),
    authorFollowers: z.int().min(0).default(0),
  })
  .openapi('RoutingDryRunBody');

export const DryRunSchema = z
  .object({
    labels: z.object({
      intent: z.string().nullable(),
      category: z.string().nullable(),
      language: z.string().nullable(),
      sentiment: z.string().nullable(),
      complaint: z.boolean(),
      priority: z.int(),
    }),
    decision: z.object({
      ruleId: z.string().nullable(),
      ruleName: z.string().nullable(),
      teamId: z.string().nullable(),
      teamName: z.string().nullable(),
      priority: z.int(),
      tags: z.array(z.string()),
      skills: z.array(z.string()),
      autoReply: z.string().nullable(),
      reason: z.string(),
    }),
  })
  .openapi('RoutingDryRun');

export const AgentRoutingSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(roles),
    available: z.boolean(),
    maxOpen: z.int().nullable(),
    skills: z.array(z.string()),
    teamIds: z.array(z.string()),
    openCount: z.int(),
  })
  .openapi('AgentRouting');

export const AvailabilityBody = z
  .strictObject({ available: z.boolean() })
  .openapi('AvailabilityBody');

export const AgentRoutingBody = z
  .strictObject({
    maxOpen: z.int().min(0).max(10_000).nullable().optional(),
    skills: z.array(Label).max(50).optional(),
  })
  .openapi('AgentRoutingBody');

export const RoutingDecisionSchema = z
  .object({
    ruleId: z.string().nullable(),
    ruleName: z.string().nullable(),
    reason: z.string().nullable(),
    routedAt: z.string().nullable(),
    teamId: z.string().nullable(),
    assigneeId: z.string().nullable(),
  })
  .openapi('RoutingDecision');
