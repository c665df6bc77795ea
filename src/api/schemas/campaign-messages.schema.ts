import { z } from '@hono/zod-openapi';
import { Uuid } from './common.schema.ts';
import { CampaignParams } from './campaigns.schema.ts';

const MessageText = z.string().max(10_000);
const skipReasons = [
  'post_deleted',
  'post_not_heard',
  'network_without_replies',
  'already_messaged',
] as const;

export const DrawParams = CampaignParams.extend({ drawId: Uuid });

export const MessageReviewQuery = z.object({
  template: z.string().max(2_000).optional().openapi({
    description:
      "The winners' message template ({{winner.handle}}, {{campaign.name}}); a default when absent",
  }),
});

export const AnnounceBody = z
  .strictObject({
    text: MessageText.openapi({
      description: "The announcement, sent as a public reply on each of the campaign's posts",
    }),
  })
  .openapi('CampaignAnnounceBody');

export const MessageWinnersBody = z
  .strictObject({
    messages: z
      .array(
        z.strictObject({
          recipient: z.string().min(1).max(500).openapi({ description: "The winner's id" }),
          text: MessageText,
        }),
      )
      .min(1)
      .max(100)
      .openapi({ description: 'One reviewed message per winner to message' }),
  })
  .openapi('CampaignMessageWinnersBody');

const MessageSchema = z
  .object({
    id: z.string(),
    drawId: z.string(),
    kind: z.enum(['announcement', 'winner']),
    network: z.string(),
    recipient: z.string(),
    recipientHandle: z.string().nullable(),
    mentionId: z.string().nullable(),
    outcome: z.enum(['sent', 'not_sent']),
    reason: z.enum(skipReasons).nullable(),
    replyId: z.string().nullable(),
    replyText: z.string().nullable(),
    replyStatus: z.string().nullable(),
    sentAt: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('CampaignMessage');

const RecipientSchema = z.object({
  kind: z.enum(['announcement', 'winner']),
  network: z.string(),
  recipient: z.string(),
  handle: z.string().nullable(),
  mentionId: z.string().nullable(),
  url: z.string().nullable(),
  cannotSend: z.enum(skipReasons).nullable(),
  draft: z.string(),
  message: MessageSchema.nullable(),
});

export const MessageReviewSchema = z
  .object({
    campaign: z.object({ id: z.string(), name: z.string() }),
    drawId: z.string(),
    template: z.string(),
    variables: z.array(z.string()),
    announcements: z.array(RecipientSchema),
    winners: z.array(RecipientSchema),
    history: z.array(MessageSchema),
    outcome: z
      .object({ sent: z.number(), notSent: z.number(), alreadyRecorded: z.number() })
      .optional(),
  })
  .openapi('CampaignMessageReview');
