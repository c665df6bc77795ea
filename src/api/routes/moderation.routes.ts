import { z } from '@hono/zod-openapi';
import { moderationEvent } from '../../domain/moderation.ts';
import type { ModerationStep } from '../../domain/moderation.ts';
import { hideOnNetwork } from '../../pipeline/intake/channel-registry.ts';
import { notifyChanges } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import {
  findContactForModeration,
  findMentionForModeration,
  insertModerationAction,
  lastOnNetwork,
  listModerationActions,
  refreshConversationHidden,
  setContactBlocked,
  setMentionHidden,
} from '../../store/moderation.repository.ts';
import type { Database } from '../../store/schema.ts';
import type { Kysely } from 'kysely';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  BlockBody,
  ContactModerationSchema,
  ContactParams,
  HiddenMentionSchema,
  HideBody,
  MentionParams,
  ModerationActionSchema,
  ModerationQuery,
  UnblockBody,
  UnhideBody,
  decodeModerationCursor,
  encodeModerationCursor,
} from '../schemas/moderation.schema.ts';

const tags = ['moderation'];
const base = '/api/v1/workspaces/{workspaceId}';

const hide = defineRoute({
  method: 'post',
  path: `${base}/mentions/{mentionId}/hide`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary:
    'Hide a mention as spam or abuse (never deleted; recorded with who and why). Hiding it again changes nothing.',
  request: { params: MentionParams, ...jsonBody(HideBody) },
  responses: { 200: jsonResponse(HiddenMentionSchema, 'The mention, hidden') },
});

const unhide = defineRoute({
  method: 'post',
  path: `${base}/mentions/{mentionId}/unhide`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Show a hidden mention again, saying why',
  request: { params: MentionParams, ...jsonBody(UnhideBody) },
  responses: { 200: jsonResponse(HiddenMentionSchema, 'The mention, shown') },
});

const block = defineRoute({
  method: 'post',
  path: `${base}/contacts/{contactId}/block`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary:
    'Block a contact as spam or abuse: their new posts are stored as blocked and kept out of the inbox; what they said before stays',
  request: { params: ContactParams, ...jsonBody(BlockBody) },
  responses: { 200: jsonResponse(ContactModerationSchema, 'The contact, blocked') },
});

const unblock = defineRoute({
  method: 'post',
  path: `${base}/contacts/{contactId}/unblock`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Unblock a contact, saying why',
  request: { params: ContactParams, ...jsonBody(UnblockBody) },
  responses: { 200: jsonResponse(ContactModerationSchema, 'The contact, unblocked') },
});

const list = defineRoute({
  method: 'get',
  path: `${base}/moderation`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'Every moderation action, newest first, with who did it and why (keyset-paginated)',
  request: { params: WorkspaceParams, query: ModerationQuery },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(ModerationActionSchema), nextCursor: z.string().nullable() }),
      'One page of moderation actions',
    ),
  },
});

/** Stores one step: its log row, its event and a change notice, in the caller's transaction. */
async function record(tx: Kysely<Database>, vars: AppEnv['Variables'], step: ModerationStep) {
  const now = vars.deps.now();
  const actor = { type: 'user', id: vars.user.id } as const;
  await insertModerationAction(tx, vars.workspaceId, step, vars.user.id, now);
  await appendEvents(tx, vars.workspaceId, [moderationEvent(step, actor, now)]);
  if (step.conversationId) {
    await notifyChanges(tx, [
      {
        type: 'conversation.updated',
        workspaceId: vars.workspaceId,
        conversationId: step.conversationId,
      },
    ]);
  }
}

const isNoOp = (action: 'hide' | 'unhide', mention: { hidden_at: Date | null }) =>
  action === 'hide' ? mention.hidden_at !== null : mention.hidden_at === null;

/**
 * Hides or shows one mention; a no-op (same state) records nothing. The network is asked first,
 * outside the transaction (no lock is held while it answers); whatever it says, the change holds
 * in Earshot, and its outcome is recorded with the step.
 */
async function moderateMention(
  vars: AppEnv['Variables'],
  mentionId: string,
  change:
    | { action: 'hide'; reason: 'spam' | 'abuse'; note: string | null }
    | { action: 'unhide'; note: string },
) {
  const now = vars.deps.now();
  const { db } = vars.deps.store;
  const before = await findMentionForModeration(db, vars.workspaceId, mentionId);
  if (!before) throw new ApiError(404, 'mention_not_found', 'no such mention');
  const outcome = isNoOp(change.action, before)
    ? undefined
    : await hideOnNetwork(db, vars.deps.channels, before.id, change.action === 'hide');
  return db.transaction().execute(async (tx) => {
    const mention = await findMentionForModeration(tx, vars.workspaceId, mentionId);
    if (!mention) throw new ApiError(404, 'mention_not_found', 'no such mention');
    const hidden = change.action === 'hide' ? { at: now, reason: change.reason } : null;
    const already = isNoOp(change.action, mention);
    const last = already || !outcome ? await lastOnNetwork(tx, mention.id) : undefined;
    const onNetwork = outcome?.onNetwork ?? last?.on_network ?? 'not_supported';
    const onNetworkError = outcome ? outcome.error : (last?.on_network_error ?? null);
    if (!already) {
      await setMentionHidden(tx, mention.id, hidden);
      await refreshConversationHidden(tx, mention.conversation_id, now);
      await record(tx, vars, {
        action: change.action,
        mentionId: mention.id,
        contactId: null,
        conversationId: mention.conversation_id,
        reason: change.action === 'hide' ? change.reason : null,
        note: change.note,
        onNetwork,
        onNetworkError,
      });
    }
    const state = already
      ? mention.hidden_at && mention.hidden_reason
        ? { reason: mention.hidden_reason, at: mention.hidden_at.toISOString() }
        : null
      : hidden && { reason: hidden.reason, at: hidden.at.toISOString() };
    return {
      id: mention.id,
      conversationId: mention.conversation_id,
      hidden: state,
      onNetwork,
      onNetworkError,
    };
  });
}

async function moderateContact(
  vars: AppEnv['Variables'],
  contactId: string,
  change:
    | { action: 'block'; reason: 'spam' | 'abuse'; note: string | null }
    | { action: 'unblock'; note: string },
) {
  const now = vars.deps.now();
  return vars.deps.store.db.transaction().execute(async (tx) => {
    const contact = await findContactForModeration(tx, vars.workspaceId, contactId);
    if (!contact) throw new ApiError(404, 'contact_not_found', 'no such contact');
    const blocked = change.action === 'block';
    if (blocked === (contact.blocked_at !== null)) {
      return { id: contact.id, blockedAt: contact.blocked_at?.toISOString() ?? null };
    }
    await setContactBlocked(tx, contact.id, blocked ? now : null);
    await record(tx, vars, {
      action: change.action,
      mentionId: null,
      contactId: contact.id,
      conversationId: null,
      reason: change.action === 'block' ? change.reason : null,
      note: change.note,
      onNetwork: 'not_applicable',
      onNetworkError: null,
    });
    return { id: contact.id, blockedAt: blocked ? now.toISOString() : null };
  });
}

export const moderationRoutes = createRouter()
  .openapi(hide, async (c) => {
    const { mentionId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await moderateMention(c.var, mentionId, {
      action: 'hide',
      reason: body.reason,
      note: body.note ?? null,
    });
    return c.json(result, 200);
  })
  .openapi(unhide, async (c) => {
    const { mentionId } = c.req.valid('param');
    const { note } = c.req.valid('json');
    return c.json(await moderateMention(c.var, mentionId, { action: 'unhide', note }), 200);
  })
  .openapi(block, async (c) => {
    const { contactId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await moderateContact(c.var, contactId, {
      action: 'block',
      reason: body.reason,
      note: body.note ?? null,
    });
    return c.json(result, 200);
  })
  .openapi(unblock, async (c) => {
    const { contactId } = c.req.valid('param');
    const { note } = c.req.valid('json');
    return c.json(await moderateContact(c.var, contactId, { action: 'unblock', note }), 200);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const after = query.cursor ? decodeModerationCursor(query.cursor) : undefined;
    if (query.cursor && !after)
      throw new ApiError(400, 'invalid_cursor', 'this cursor was not made by this API');
    const page = await listModerationActions(
      c.var.deps.store.db,
      c.var.workspaceId,
      query.limit,
      after,
    );
    return c.json(
      {
        items: page.rows.map((row) => ({
          id: row.id,
          action: row.action,
          mentionId: row.mention_id,
          contactId: row.contact_id,
          conversationId: row.conversation_id,
          reason: row.reason,
          note: row.note,
          actor: { id: row.actor_id, name: row.actor_name },
          onNetwork: row.on_network,
          onNetworkError: row.on_network_error,
          createdAt: row.created_at.toISOString(),
        })),
        nextCursor: page.next ? encodeModerationCursor(page.next) : null,
      },
      200,
    );
  });
