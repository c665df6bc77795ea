import { z } from '@hono/zod-openapi';
import { erasureReasonMaxLength } from '../../domain/privacy.ts';

const At = z.string().openapi({ format: 'date-time' });
const MaybeAt = At.nullable();

export const EraseBody = z
  .strictObject({
    reason: z.string().trim().min(1).max(erasureReasonMaxLength).openapi({
      description: "Why: the customer's request (say how it reached you), kept with the record",
    }),
  })
  .openapi('EraseBody');

export const ErasureSchema = z
  .object({
    erasedAt: At,
    contactIds: z.array(z.string()).openapi({ description: 'The person\u2019s contacts erased' }),
    contacts: z.number().int(),
    mentions: z.number().int(),
    conversations: z.number().int(),
    replies: z.number().int(),
    notes: z.number().int(),
  })
  .openapi('Erasure');

export const ContactExportSchema = z
  .object({
    contactId: z.string(),
    exportedAt: At,
    contacts: z.array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        linked: z.boolean(),
        createdAt: At,
        blockedAt: MaybeAt,
        erasedAt: MaybeAt,
        identities: z.array(
          z.object({
            network: z.string(),
            externalId: z.string(),
            handle: z.string(),
            displayName: z.string().nullable(),
            followers: z.number().nullable(),
            url: z.string().nullable(),
            updatedAt: At,
          }),
        ),
      }),
    ),
    conversations: z.array(
      z.object({
        id: z.string(),
        contactId: z.string(),
        network: z.string(),
        brand: z.object({ id: z.string(), name: z.string() }),
        status: z.string(),
        priority: z.number(),
        tags: z.array(z.string()),
        preview: z.string(),
        isPrivate: z.boolean(),
        createdAt: At,
        lastMessageAt: At,
        resolvedAt: MaybeAt,
      }),
    ),
    mentions: z.array(
      z.object({
        id: z.string(),
        conversationId: z.string(),
        contactId: z.string(),
        network: z.string(),
        externalId: z.string(),
        text: z.string(),
        authorHandle: z.string(),
        authorDisplayName: z.string().nullable(),
        url: z.string().nullable(),
        postedAt: At,
        receivedAt: At,
        isPrivate: z.boolean(),
        language: z.string().nullable(),
        triage: z.record(z.string(), z.unknown()).nullable().openapi({
          description: 'The triage labels (sentiment, intent, priority …) given on arrival',
        }),
        hiddenAt: MaybeAt,
        hiddenReason: z.string().nullable(),
        deletedAt: MaybeAt,
        editedAt: MaybeAt,
        edits: z.array(z.object({ text: z.string(), replacedAt: z.string() })),
        erasedAt: MaybeAt,
      }),
    ),
    replies: z.array(
      z.object({
        id: z.string(),
        conversationId: z.string(),
        inReplyToMentionId: z.string().nullable(),
        text: z.string(),
        visibility: z.string(),
        status: z.string(),
        url: z.string().nullable(),
        author: z.string().nullable(),
        createdAt: At,
        sentAt: MaybeAt,
      }),
    ),
    notes: z.array(
      z.object({
        id: z.string(),
        conversationId: z.string(),
        body: z.string(),
        author: z.string().nullable(),
        createdAt: At,
      }),
    ),
    moderation: z.array(
      z.object({
        id: z.string(),
        action: z.string(),
        mentionId: z.string().nullable(),
        contactId: z.string().nullable(),
        conversationId: z.string().nullable(),
        reason: z.string().nullable(),
        note: z.string().nullable(),
        onNetwork: z.string(),
        createdAt: At,
      }),
    ),
    csat: z.array(
      z.object({
        id: z.string(),
        conversationId: z.string(),
        status: z.string(),
        score: z.number().nullable(),
        resolvedAt: At,
        answeredAt: MaybeAt,
      }),
    ),
    tags: z.array(z.string()),
    privacyRequests: z.array(
      z.object({ kind: z.string(), reason: z.string().nullable(), createdAt: At }),
    ),
  })
  .openapi('ContactExport');
