import { z } from '@hono/zod-openapi';
import { conversationStatuses } from '../../domain/conversation.ts';
import { SOCIAL_INTENT_LABELS } from '../../domain/triage-labels.ts';
import { inboxViews } from '../../store/inbox-filter.ts';
import { Uuid, WorkspaceParams } from './common.schema.ts';

export const ConversationParams = WorkspaceParams.extend({ conversationId: Uuid });

export const InboxQuery = z.object({
  view: z.enum(inboxViews).default('all').openapi({
    description:
      'sla_at_risk: due within the hour or overdue; spam: what triage called spam, hidden from the other views',
  }),
  status: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const list = value.split(',');
      for (const item of list) {
        if (!(conversationStatuses as readonly string[]).includes(item)) {
          ctx.addIssue({ code: 'custom', message: `unknown status "${item}"` });
          return z.NEVER;
        }
      }
      return list as (typeof conversationStatuses)[number][];
    })
    .openapi({ description: 'Comma-separated statuses; default new,open,pending' }),
  brandId: Uuid.optional(),
  teamId: Uuid.optional(),
  network: z.string().max(40).optional(),
  tag: z.string().max(100).optional(),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  intent: z
    .string()
    .max(60)
    .optional()
    .openapi({ description: "Triage's intent label of any of the conversation's mentions" }),
  socialIntent: z.enum(SOCIAL_INTENT_LABELS).optional().openapi({
    description:
      "What the author of any of the conversation's customer messages is doing (triage's socialIntent)",
  }),
  language: z
    .string()
    .max(20)
    .optional()
    .openapi({ description: "Language of any of the conversation's mentions (ISO 639-1)" }),
  minPriority: z.coerce
    .number()
    .int()
    .min(0)
    .max(100)
    .optional()
    .openapi({ description: 'Only conversations at least this urgent' }),
  rating: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const list = value.split(',').map((item) => item.trim());
      if (!list.every((item) => /^[1-5]$/.test(item))) {
        ctx.addIssue({ code: 'custom', message: 'rating is a comma-separated list of 1 to 5' });
        return z.NEVER;
      }
      return list.map(Number);
    })
    .openapi({
      description: "Comma-separated stars (1–5) of the conversation's newest review: rating=1,2",
    }),
  maxRating: z.coerce
    .number()
    .int()
    .min(1)
    .max(5)
    .optional()
    .openapi({ description: 'Only reviews with at most this many stars' }),
  q: z
    .string()
    .trim()
    .max(500)
    .optional()
    .openapi({ description: 'Full-text search of mention text' }),
  openedFrom: z.iso.datetime({ offset: true }).optional().openapi({
    description: 'Only conversations opened at or after this time (a report day or period)',
  }),
  openedTo: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Only conversations opened before this time' }),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  ids: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const list = value.split(',');
      if (list.length > 200 || !list.every((id) => Uuid.safeParse(id).success)) {
        ctx.addIssue({ code: 'custom', message: 'ids is a comma-separated list of 1 to 200 ids' });
        return z.NEVER;
      }
      return list;
    })
    .openapi({
      description:
        'Only these conversations, of those the view and filters hold: how an open list patches the rows a live event named (ADR 0012)',
    }),
});

export const ReviewRatingSchema = z
  .object({
    stars: z.number().int().min(1).max(5).openapi({ description: '1 to 5, across sites' }),
    value: z.number().openapi({ description: "The site's own value (4.5, 8)" }),
    scale: z.number().openapi({ description: "The site's top value (5, 10)" }),
    site: z.string().openapi({ description: 'google, yelp, trustpilot…' }),
  })
  .openapi('ReviewRating');

export const ConversationItemSchema = z
  .object({
    id: z.string(),
    status: z.enum(conversationStatuses),
    priority: z.number(),
    brand: z.object({ id: z.string(), name: z.string() }),
    network: z.string(),
    contact: z.object({ id: z.string(), handle: z.string(), displayName: z.string().nullable() }),
    preview: z.string(),
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
    tags: z.array(z.string()),
    sentiment: z.string().nullable(),
    needsReply: z.boolean(),
    firstResponseDueAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    lastMessageAt: z.string(),
    updatedAt: z.string(),
    mentionCount: z.number(),
    spam: z.boolean(),
    rating: ReviewRatingSchema.nullable().openapi({
      description: "The newest review's rating (review sites only)",
    }),
  })
  .openapi('ConversationItem');

export const MentionSchema = z
  .object({
    id: z.string(),
    network: z.string(),
    externalId: z.string(),
    text: z.string(),
    author: z.object({
      handle: z.string(),
      displayName: z.string().nullable(),
      followers: z.number().nullable(),
    }),
    url: z.string().nullable(),
    postedAt: z.string(),
    isPrivate: z.boolean(),
    fromBrand: z.boolean(),
    language: z.string().nullable(),
    triage: z.unknown().nullable(),
    hidden: z
      .object({ reason: z.enum(['spam', 'abuse']), at: z.string() })
      .nullable()
      .openapi({ description: 'Hidden by moderation (kept, shown collapsed)' }),
    deletedAt: z.string().nullable().openapi({
      description:
        'When the author deleted the post on the network; our copy stays, and no reply can answer it',
    }),
    editedAt: z.string().nullable().openapi({
      description: 'When the author last edited the post; `text` is what the network shows now',
    }),
    edits: z.array(z.object({ text: z.string(), replacedAt: z.string() })).openapi({
      description: 'Earlier versions of the text, oldest first, each with when it was replaced',
    }),
    rating: ReviewRatingSchema.nullable().openapi({
      description: "A review's rating: 1–5 stars and the site's own value and scale",
    }),
  })
  .openapi('Mention');

export const ReplySchema = z
  .object({
    id: z.string(),
    text: z.string(),
    visibility: z.enum(['public', 'private']),
    status: z.enum(['draft', 'awaiting_approval', 'queued', 'sent', 'failed', 'rejected']),
    error: z.string().nullable(),
    authorId: z.string().nullable(),
    attempts: z.number(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    url: z.string().nullable(),
    inReplyToMentionId: z.string().nullable().openapi({
      description: 'The customer post (a mention of the conversation) this reply answers',
    }),
  })
  .openapi('Reply');

export const NoteSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    authorId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Note');

export const EventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    data: z.unknown(),
    createdAt: z.string(),
  })
  .openapi('Event');

export const ConversationDetailSchema = z
  .object({
    conversation: ConversationItemSchema,
    mentions: z.array(MentionSchema),
    replies: z.array(ReplySchema),
    notes: z.array(NoteSchema),
    events: z.array(EventSchema),
  })
  .openapi('ConversationDetail');

export const StatusBody = z
  .strictObject({
    status: z.enum(['open', 'pending', 'resolved', 'snoozed']),
    snoozedUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((body) => body.status !== 'snoozed' || body.snoozedUntil !== undefined, {
    message: 'snoozedUntil is required to snooze',
    path: ['snoozedUntil'],
  })
  .openapi('StatusBody');

export const AssignBody = z.strictObject({ assigneeId: Uuid.nullable() }).openapi('AssignBody');
export const TeamBody = z.strictObject({ teamId: Uuid.nullable() }).openapi('TeamBody');
export const PriorityBody = z
  .strictObject({ priority: z.number().int().min(0).max(100) })
  .openapi('PriorityBody');
export const BulkBody = z
  .strictObject({
    conversationIds: z.array(Uuid).min(1).max(200),
    action: z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('assign'), assigneeId: Uuid.nullable() }),
      z.strictObject({ type: z.literal('team'), teamId: Uuid.nullable() }),
      z.strictObject({ type: z.literal('tag'), tag: z.string().trim().min(1).max(100) }),
      z.strictObject({ type: z.literal('resolve') }),
      z.strictObject({ type: z.literal('spam') }),
    ]),
  })
  .openapi('BulkBody');
export const BulkResponse = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        ok: z.boolean(),
        code: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
  })
  .openapi('BulkResponse');
export const TagBody = z
  .strictObject({ tag: z.string().trim().min(1).max(100) })
  .openapi('TagBody');
export const NoteBody = z
  .strictObject({ body: z.string().trim().min(1).max(20_000) })
  .openapi('NoteBody');
export const ReplyBody = z
  .strictObject({
    text: z.string().trim().min(1).max(20_000),
    visibility: z.enum(['public', 'private']).default('public'),
    draft: z.boolean().default(false),
    inReplyTo: Uuid.optional().openapi({
      description:
        "The post to answer: a mention id of this conversation (default: the customer's newest post not deleted)",
    }),
  })
  .openapi('ReplyBody');

/** The customer was answered outside Earshot (an imported conversation); a note says how. */
export const AnsweredElsewhereBody = z
  .strictObject({
    note: z.string().trim().max(500).optional(),
    reply: z.string().trim().max(10_000).optional().openapi({
      description:
        'The reply as posted on the site (a review site without a reply API), kept in the thread',
    }),
  })
  .openapi('AnsweredElsewhereBody');
