import { randomUUID } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { allowsPrivateReply } from '../../domain/network.ts';
import { notifyChanges } from '../../store/changes.ts';
import { appendEvents, listConversationEvents } from '../../store/events.repository.ts';
import { findInboxItem } from '../../store/inbox.queries.ts';
import {
  findLatestCustomerMention,
  listConversationMentions,
} from '../../store/mentions.repository.ts';
import {
  listConversationNoteMentions,
  listConversationNotes,
} from '../../store/notes.repository.ts';
import {
  findReplyByIdempotencyKey,
  insertReply,
  listConversationReplies,
} from '../../store/replies.repository.ts';
import type { ReplyRow } from '../../store/schema.ts';
import { ApiError } from '../errors.ts';
import { approvalGate, holdForApproval } from './approvals.routes.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  ConversationDetailSchema,
  ConversationParams,
  NoteBody,
  ReplyBody,
  ReplySchema,
} from '../schemas/conversation.schema.ts';
import { NoteWithMentionsSchema, addNoteWithMentions, toNoteJson } from './note-mentions.ts';

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
    'Reply to the customer: stored first, then sent by the outbox. Send an Idempotency-Key header to make retries safe.',
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
    const { store, now } = c.var.deps;
    const ws = c.var.workspaceId;
    const note = await store.db.transaction().execute(async (tx) => {
      if (!(await findInboxItem(tx, ws, conversationId))) {
        throw new ApiError(404, 'conversation_not_found', 'no such conversation');
      }
      const added = { workspaceId: ws, conversationId, authorId: c.var.user.id, body };
      return addNoteWithMentions(tx, added, now());
    });
    return c.json(note, 201);
  })
  .openapi(addReply, async (c) => {
    const { conversationId } = c.req.valid('param');
    const body = c.req.valid('json');
    const clientKey = c.req.valid('header')['idempotency-key'];
    const { store, now } = c.var.deps;
    const ws = c.var.workspaceId;
    // Keys are namespaced by workspace so one tenant's key can never collide with another's.
    const idempotencyKey = `${ws}:${clientKey ?? randomUUID()}`;
    const result = await store.db.transaction().execute(async (tx) => {
      const conversation = await findInboxItem(tx, ws, conversationId);
      if (!conversation) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
      if (body.visibility === 'private' && !allowsPrivateReply(conversation.network)) {
        throw new ApiError(
          422,
          'validation_failed',
          `${conversation.network} takes no private replies from Earshot; send a public reply instead`,
          { field: 'visibility', network: conversation.network },
        );
      }
      const answered = await findLatestCustomerMention(tx, ws, conversationId);
      // Replies by chosen agents, or flagged by the tone check, may need a lead's approval first.
      const gate = body.draft
        ? undefined
        : await approvalGate(tx, ws, {
            authorId: c.var.user.id,
            text: body.text,
            network: conversation.network,
            visibility: body.visibility,
            answersComplaint: conversation.sentiment === 'negative',
          });
      const reply = await insertReply(tx, {
        workspaceId: ws,
        conversationId,
        inReplyToMentionId: answered?.id ?? null,
        authorId: c.var.user.id,
        network: conversation.network,
        text: body.text,
        visibility: body.visibility,
        status: body.draft ? 'draft' : gate?.reasons.length ? 'awaiting_approval' : 'queued',
        idempotencyKey,
        now: now(),
      });
      if (!reply) {
        const existing = await findReplyByIdempotencyKey(tx, ws, idempotencyKey);
        if (!existing || existing.conversation_id !== conversationId) {
          throw new ApiError(
            409,
            'conflict',
            'this Idempotency-Key was already used for another request',
          );
        }
        // The same key must mean the same reply: a retry with other words is a mistake to report,
        // not a request to drop silently (as the IETF Idempotency-Key draft says).
        const sameRequest =
          existing.text === body.text &&
          existing.visibility === body.visibility &&
          (existing.status === 'draft') === body.draft;
        if (!sameRequest) {
          throw new ApiError(
            422,
            'idempotency_key_reused',
            'this Idempotency-Key was already used for a reply with other content',
          );
        }
        return { reply: existing, created: false };
      }
      if (reply.status === 'awaiting_approval' && gate) {
        const held = { id: reply.id, conversationId, authorId: c.var.user.id };
        await holdForApproval(tx, ws, held, gate, now());
      }
      if (reply.status === 'queued') {
        await appendEvents(tx, ws, [
          {
            type: 'reply.queued',
            actor: { type: 'user', id: c.var.user.id },
            conversationId,
            data: { replyId: reply.id },
            occurredAt: now(),
          },
        ]);
      }
      await notifyChanges(tx, [
        { type: 'reply.updated', workspaceId: ws, conversationId, replyId: reply.id },
      ]);
      return { reply, created: true };
    });
    return result.created
      ? c.json(toReplyJson(result.reply), 201)
      : c.json(toReplyJson(result.reply), 200);
  });
