import { z } from '@hono/zod-openapi';
import { markNoteMentionsSeen } from '../../app/notes/mark-note-mentions-seen.ts';
import { countUnseenMentions, listMentionsOfUser } from '../../store/notes.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';

const tags = ['notes'];
const path = '/api/v1/workspaces/{workspaceId}/note-mentions';
const listLimit = 50;

const MentionedSchema = z
  .object({
    noteId: z.string(),
    conversationId: z.string(),
    body: z.string(),
    author: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    contactName: z.string(),
    network: z.string(),
    createdAt: z.string(),
    seenAt: z.string().nullable(),
  })
  .openapi('NoteMention');

const list = defineRoute({
  method: 'get',
  path,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary:
    'Notes that mention you (the caller), newest first (at most 50), and how many are unseen',
  request: { params: WorkspaceParams },
  responses: {
    200: jsonResponse(
      z.object({ unseen: z.number().int(), items: z.array(MentionedSchema) }),
      'Your mentions',
    ),
  },
});
const seen = defineRoute({
  method: 'post',
  path: `${path}/seen`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'Mark your mentions in one conversation seen (the web app does so when you open it)',
  request: { params: WorkspaceParams, ...jsonBody(z.strictObject({ conversationId: Uuid })) },
  responses: {
    200: jsonResponse(z.object({ marked: z.number().int() }), 'How many were unseen until now'),
  },
});

export const noteMentionRoutes = createRouter()
  .openapi(list, async (c) => {
    const { db } = c.var.deps.store;
    const ws = c.var.workspaceId;
    const [rows, unseen] = await Promise.all([
      listMentionsOfUser(db, ws, c.var.user.id, listLimit),
      countUnseenMentions(db, ws, c.var.user.id),
    ]);
    const items = rows.map((row) => ({
      noteId: row.note_id,
      conversationId: row.conversation_id,
      body: row.body,
      author: { id: row.author_id, name: row.author_name },
      contactName: row.contact_name,
      network: row.network,
      createdAt: row.created_at.toISOString(),
      seenAt: row.seen_at?.toISOString() ?? null,
    }));
    return c.json({ unseen, items }, 200);
  })
  .openapi(seen, async (c) => {
    const { conversationId } = c.req.valid('json');
    return c.json(
      { marked: await markNoteMentionsSeen(useCaseContext(c.var), conversationId) },
      200,
    );
  });
