import { z } from '@hono/zod-openapi';
import { blockContact, unblockContact } from '../../app/moderation/block-contact.ts';
import { hideMention, unhideMention } from '../../app/moderation/hide-mention.ts';
import { listModerationActions } from '../../store/moderation.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
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

export const moderationRoutes = createRouter()
  .openapi(hide, async (c) => {
    const { mentionId } = c.req.valid('param');
    const body = c.req.valid('json');
    const why = { reason: body.reason, note: body.note ?? null };
    const context = useCaseContext(c.var);
    return c.json(await hideMention(context, c.var.deps.channels, mentionId, why), 200);
  })
  .openapi(unhide, async (c) => {
    const { mentionId } = c.req.valid('param');
    const { note } = c.req.valid('json');
    const context = useCaseContext(c.var);
    return c.json(await unhideMention(context, c.var.deps.channels, mentionId, note), 200);
  })
  .openapi(block, async (c) => {
    const { contactId } = c.req.valid('param');
    const body = c.req.valid('json');
    const why = { reason: body.reason, note: body.note ?? null };
    return c.json(await blockContact(useCaseContext(c.var), contactId, why), 200);
  })
  .openapi(unblock, async (c) => {
    const { contactId } = c.req.valid('param');
    const { note } = c.req.valid('json');
    return c.json(await unblockContact(useCaseContext(c.var), contactId, note), 200);
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
