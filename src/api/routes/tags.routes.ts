import { z } from '@hono/zod-openapi';
import { createTag, removeTag, updateTag } from '../../app/tags/tags.ts';
import { countTagUsage, listTags, type TagRow } from '../../store/tags.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { workspaceAction } from '../workspace-action.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';

/** As conversations take it (TagBody in conversation.schema.ts). */
const TagName = z.string().trim().min(1).max(100);
const Color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written like #1f77b4')
  .nullable();
const Description = z.string().trim().max(500).nullable();

const TagBody = z
  .strictObject({
    name: TagName,
    color: Color.default(null),
    description: Description.default(null),
  })
  .openapi('CreateTagBody');
const TagPatch = z
  .strictObject({
    name: TagName.optional().openapi({ description: 'Renames it on every conversation too' }),
    color: Color.optional(),
    description: Description.optional(),
  })
  .openapi('UpdateTagBody');
const TagSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    color: z.string().nullable(),
    description: z.string().nullable(),
    conversationCount: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Tag');
const TagListSchema = z.object({
  items: z.array(TagSchema),
  unlisted: z
    .array(z.object({ name: z.string(), conversationCount: z.int() }))
    .openapi({ description: 'Tags conversations carry that are not on the list' }),
});
const TagParams = WorkspaceParams.extend({ tagId: Uuid });

const tags = ['tags'];
const base = '/api/v1/workspaces/{workspaceId}/tags';

const list = defineRoute({
  method: 'get',
  path: base,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'The managed tag list with how many conversations carry each tag',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(TagListSchema, 'The tags') },
});

const create = defineRoute({
  method: 'post',
  path: base,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Add a tag to the list (names are unique ignoring case: 409 conflict)',
  request: { params: WorkspaceParams, ...jsonBody(TagBody) },
  responses: { 201: jsonResponse(TagSchema, 'The tag') },
});

const update = defineRoute({
  method: 'patch',
  path: `${base}/{tagId}`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Change a tag; a new name renames it on every conversation and routing rule',
  request: { params: TagParams, ...jsonBody(TagPatch) },
  responses: { 200: jsonResponse(TagSchema, 'The tag') },
});

const remove = defineRoute({
  method: 'delete',
  path: `${base}/{tagId}`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Take a tag off the list; conversations that carry it keep it',
  request: { params: TagParams },
  responses: { 204: { description: 'Removed' } },
});

function toJson(row: TagRow, usage: ReadonlyMap<string, number>) {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    description: row.description,
    conversationCount: usage.get(row.name) ?? 0,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export const tagRoutes = createRouter()
  .openapi(list, async (c) => {
    const { db } = c.var.deps.store;
    const [rows, usage] = await Promise.all([
      listTags(db, c.var.workspaceId),
      countTagUsage(db, c.var.workspaceId),
    ]);
    const listed = new Set(rows.map((row) => row.name));
    const unlisted = [...usage]
      .filter(([name]) => !listed.has(name))
      .map(([name, conversationCount]) => ({ name, conversationCount }))
      .sort((a, b) => b.conversationCount - a.conversationCount || a.name.localeCompare(b.name));
    return c.json({ items: rows.map((row) => toJson(row, usage)), unlisted }, 200);
  })
  .openapi(create, async (c) => {
    const row = await createTag(workspaceAction(c.var), c.req.valid('json'));
    const usage = await countTagUsage(c.var.deps.store.db, c.var.workspaceId);
    return c.json(toJson(row, usage), 201);
  })
  .openapi(update, async (c) => {
    const { tagId } = c.req.valid('param');
    const row = await updateTag(workspaceAction(c.var), tagId, c.req.valid('json'));
    const usage = await countTagUsage(c.var.deps.store.db, c.var.workspaceId);
    return c.json(toJson(row, usage), 200);
  })
  .openapi(remove, async (c) => {
    const { tagId } = c.req.valid('param');
    await removeTag(workspaceAction(c.var), tagId);
    return c.body(null, 204);
  });
