import { z } from '@hono/zod-openapi';
import { addNote as addNoteToConversation } from '../../app/notes/add-note.ts';
import { sendReply } from '../../app/replies/send-reply.ts';
import { listConversationEvents } from '../../store/events.repository.ts';
import { findInboxItem } from '../../store/inbox.queries.ts';
import { listConversationMentions } from '../../store/mentions.repository.ts';
import {
  listConversationNoteMentions,
  listConversationNotes,
} from '../../store/notes.repository.ts';
import { listConversationReplies } from '../../store/replies.repository.ts';
import type { ReplyRow } from '../../store/schema.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  ConversationDetailSchema,
  ConversationParams,
  NoteBody,
  ReplyBody,
  ReplySchema,
} from '../schemas/conversation.schema.ts';
import { NoteWithMentionsSchema, toNoteJson } from './note-mentions.ts';

const detail = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/conversations/{conversationId}',
  access: 'workspace',
  role: 'viewer',
  tags: ['conversations'],
  summary: 'One conversation: the whole thread, replies, notes and its history',
  request: { params: ConversationParams },
  responses: {
    200: jsonResponse(
      ConversationDetailSchema.extend({ notes: z.array(NoteWithMentionsSchema) }),
      'The conversation',
    ),
  },
});

const addNote = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/conversations/{conversationId}/notes',
  access: 'workspace',
  role: 'agent',
  tags: ['conversations'],
  summary:
    'Add an internal note (never sent to the customer). Each member named as @Name is mentioned: a note.mentioned event and an entry in their note-mentions.',
  request: { params: ConversationParams, ...jsonBody(NoteBody) },
  responses: { 201: jsonResponse(NoteWithMentionsSchema, 'The note') },
});

const addReply = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/conversations/{conversationId}/replies',
  access: 'workspace',
  role: 'agent',
  tags: ['conversations'],
  summary:
    "Reply to the customer: stored first, then sent by the outbox. `inReplyTo` picks the post answered (a mention of this conversation; default the customer's newest post not deleted); a post its author deleted is refused (409 reply_target_deleted), another conversation's is 422 reply_target_not_found. Send an Idempotency-Key header to make retries safe.",
  request: {
    params: ConversationParams,
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
    ...jsonBody(ReplyBody),
  },
  responses: {
    201: jsonResponse(ReplySchema, 'The reply, queued (or a draft)'),
    200: jsonResponse(ReplySchema, 'The reply this Idempotency-Key already created'),
  },
});

export function toReplyJson(row: ReplyRow) {
  return {
    id: row.id,
    text: row.text,
    visibility: row.visibility,
    status: row.status,
    error: row.error,
    authorId: row.author_id,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    url: row.url,
    inReplyToMentionId: row.in_reply_to_mention_id,
  };
}

export const conversationThreadRoutes = createRouter()
  .openapi(detail, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { db } = c.var.deps.store;
    const ws = c.var.workspaceId;
    const conversation = await findInboxItem(db, ws, conversationId);
    if (!conversation) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
    const [mentions, replies, notes, noteMentions, events] = await Promise.all([
      listConversationMentions(db, ws, conversationId),
      listConversationReplies(db, ws, conversationId),
      listConversationNotes(db, ws, conversationId),
      listConversationNoteMentions(db, ws, conversationId),
      listConversationEvents(db, ws, conversationId),
    ]);
    return c.json(
      {
        conversation,
        mentions: mentions.map((m) => ({
          id: m.id,
          network: m.network,
          externalId: m.external_id,
          text: m.text,
          author: {
            handle: m.author_handle,
            displayName: m.author_display_name,
            followers: m.author_followers,
          },
          url: m.url,
          postedAt: m.posted_at.toISOString(),
          isPrivate: m.is_private,
          fromBrand: m.from_brand,
          language: m.language,
          triage: m.triage ?? null,
          hidden:
            m.hidden_at && m.hidden_reason
              ? { reason: m.hidden_reason, at: m.hidden_at.toISOString() }
              : null,
          deletedAt: m.deleted_at?.toISOString() ?? null,
          editedAt: m.edited_at?.toISOString() ?? null,
          edits: m.edits,
          rating:
            m.rating === null
              ? null
              : {
                  stars: m.rating,
                  value: m.rating_value ?? m.rating,
                  scale: m.rating_scale ?? 5,
                  site: m.review_site ?? m.network,
                },
        })),
        replies: replies.map(toReplyJson),
        notes: notes.map((n) => toNoteJson(n, noteMentions.get(n.id) ?? [])),
        events: events.map((e) => ({
          id: e.id,
          type: e.type,
          actorType: e.actor_type,
          actorId: e.actor_id,
          data: e.data,
          createdAt: e.occurred_at.toISOString(),
        })),
      },
      200,
    );
  })
  .openapi(addNote, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { body } = c.req.valid('json');
    const added = await addNoteToConversation(useCaseContext(c.var), conversationId, body);
    return c.json(toNoteJson(added.note, added.mentionedUserIds), 201);
  })
  .openapi(addReply, async (c) => {
    const { conversationId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await sendReply(useCaseContext(c.var), {
      conversationId,
      ...body,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
    });
    return result.created
      ? c.json(toReplyJson(result.reply), 201)
      : c.json(toReplyJson(result.reply), 200);
  });
