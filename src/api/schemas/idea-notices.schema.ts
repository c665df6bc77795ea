import { z } from '@hono/zod-openapi';
import { ideaStatuses } from '../../domain/ideas.ts';
import { noticeStatuses } from '../../domain/idea-notices.ts';
import { Uuid } from './common.schema.ts';

const NoticeText = z.string().max(10_000);
const skipReasons = ['post_deleted', 'network_without_replies', 'customer_erased'] as const;

export const TellCustomersBody = z
  .strictObject({
    status: z.enum(noticeStatuses).openapi({
      description: 'The status customers are told of: must still be the idea’s status',
    }),
    notices: z
      .array(z.strictObject({ conversationId: Uuid, text: NoticeText }))
      .min(1)
      .max(500)
      .openapi({ description: 'One reviewed reply per customer thread to tell' }),
  })
  .openapi('TellCustomersBody');

const TemplateText = NoticeText.nullable()
  .optional()
  .openapi({ description: 'The template for this status; null goes back to the default' });

export const NoticeTemplatesBody = z
  .strictObject({
    under_review: TemplateText,
    planned: TemplateText,
    done: TemplateText,
    declined: TemplateText,
  })
  .openapi('NoticeTemplatesBody');

export const NoticeTemplatesSchema = z
  .object({
    templates: z.array(
      z.object({
        status: z.enum(noticeStatuses),
        body: z.string(),
        isDefault: z.boolean(),
      }),
    ),
    variables: z.array(z.string()),
  })
  .openapi('NoticeTemplates');

const NoticeSchema = z.object({
  id: z.string(),
  ideaStatus: z.enum(noticeStatuses),
  conversationId: z.string(),
  mentionId: z.string().nullable(),
  outcome: z.enum(['told', 'not_told']),
  reason: z.enum(skipReasons).nullable(),
  replyId: z.string().nullable(),
  replyStatus: z.string().nullable(),
  replyVisibility: z.enum(['public', 'private']).nullable(),
  sentAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const NoticeReviewSchema = z
  .object({
    idea: z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(ideaStatuses),
      declinedReason: z.string().nullable(),
    }),
    status: z.enum(noticeStatuses).nullable().openapi({
      description: 'What customers would be told of; null while the idea is new or merged',
    }),
    template: z.string().nullable(),
    recipients: z.array(
      z.object({
        conversationId: z.string(),
        mentionId: z.string(),
        network: z.string(),
        authorHandle: z.string(),
        customerName: z.string(),
        text: z.string(),
        url: z.string().nullable(),
        postedAt: z.string(),
        visibility: z.enum(['public', 'private']),
        cannotTell: z.enum(skipReasons).nullable(),
        draft: z.string(),
        notice: NoticeSchema.nullable(),
      }),
    ),
    history: z.array(NoticeSchema),
    outcome: z
      .object({ told: z.number(), notTold: z.number(), alreadyRecorded: z.number() })
      .optional()
      .openapi({ description: 'What this request did (when telling)' }),
  })
  .openapi('IdeaNoticeReview');
