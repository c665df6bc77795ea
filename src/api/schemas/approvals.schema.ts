import { z } from '@hono/zod-openapi';
import { Uuid, WorkspaceParams } from './common.schema.ts';

export const ReplyParams = WorkspaceParams.extend({ replyId: Uuid });

export const ReplySettingsSchema = z
  .object({
    approvalUserIds: z.array(z.string()).openapi({
      description: 'Members whose replies wait for a lead (admin or owner) to approve them',
    }),
    approveToneFlagged: z
      .boolean()
      .openapi({ description: 'Replies the tone check flags wait for approval too' }),
    csatEnabled: z.boolean().openapi({
      description: 'After a conversation is resolved, ask the customer for a 1–5 rating',
    }),
    csatQuestion: z
      .string()
      .nullable()
      .openapi({ description: 'The survey text; null uses the default question' }),
  })
  .openapi('ReplySettings');

export const ReplySettingsBody = z
  .strictObject({
    approvalUserIds: z.array(Uuid).max(500).default([]),
    approveToneFlagged: z.boolean().default(false),
    csatEnabled: z.boolean().default(false),
    csatQuestion: z.string().trim().min(1).max(500).nullable().default(null),
  })
  .openapi('ReplySettingsBody');

export const DecisionBody = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('approve') }),
    z.strictObject({ decision: z.literal('reject'), reason: z.string().trim().min(1).max(2000) }),
  ])
  .openapi('ApprovalDecisionBody');

export const PendingApprovalSchema = z
  .object({
    replyId: z.string(),
    conversationId: z.string(),
    text: z.string(),
    network: z.string(),
    visibility: z.enum(['public', 'private']),
    author: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    reasons: z.array(z.enum(['agent', 'tone'])),
    toneFlags: z.array(z.object({ code: z.string(), message: z.string() }).passthrough()),
    requestedAt: z.string(),
  })
  .openapi('PendingApproval');

export const PendingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
