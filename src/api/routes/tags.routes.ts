import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { EventType } from '../../domain/events.ts';
import { appendEvents } from '../../store/events.repository.ts';
import type { Database } from '../../store/schema.ts';
import {
  countTagUsage,
  findLiveTagByName,
  findTag,
  insertTag,
  listTags,
  removeTag,
  renameTagInRoutingRules,
  renameTagOnConversations,
  updateTag,
  type TagRow,
} from '../../store/tags.repository.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
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

async function checkNameFree(db: Kysely<Database>, ws: string, name: string, tagId?: string) {
  const holder = await findLiveTagByName(db, ws, name);
  if (holder && holder.id !== tagId)
    throw new ApiError(409, 'conflict', `a tag named "${holder.name}" already exists`);
}

/** Two admins adding the same name at once: the unique index refuses the second. */
async function refusingDuplicates<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string } | null)?.code === '23505')
      throw new ApiError(409, 'conflict', 'a tag with that name already exists');
    throw error;
  }
}

async function record(
  db: Kysely<Database>,
  vars: AppEnv['Variables'],
  type: EventType,
  data: Record<string, unknown>,
) {
  await appendEvents(db, vars.workspaceId, [
    {
      type,
      actor: { type: 'user', id: vars.user.id },
      conversationId: null,
      data,
      occurredAt: vars.deps.now(),
    },
  ]);
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
    const body = c.req.valid('json');
    const row = await refusingDuplicates(() =>
      c.var.deps.store.db.transaction().execute(async (tx) => {
        await checkNameFree(tx, c.var.workspaceId, body.name);
        const created = await insertTag(tx, c.var.workspaceId, body, c.var.deps.now());
        await record(tx, c.var, 'tag.saved', { tagId: created.id, name: created.name });
        return created;
      }),
    );
    const usage = await countTagUsage(c.var.deps.store.db, c.var.workspaceId);
    return c.json(toJson(row, usage), 201);
  })
  .openapi(update, async (c) => {
    const { tagId } = c.req.valid('param');
    const patch = c.req.valid('json');
    const ws = c.var.workspaceId;
    const now = c.var.deps.now();
    const row = await refusingDuplicates(() =>
      c.var.deps.store.db.transaction().execute(async (tx) => {
        const before = await findTag(tx, ws, tagId);
        if (!before || before.deleted_at) throw new ApiError(404, 'tag_not_found', 'no such tag');
        if (patch.name !== undefined) await checkNameFree(tx, ws, patch.name, tagId);
        const after = (await updateTag(tx, ws, tagId, patch, now))!;
        if (after.name === before.name) {
          await record(tx, c.var, 'tag.saved', { tagId, name: after.name });
          return after;
        }
        const conversations = await renameTagOnConversations(tx, ws, before.name, after.name, now);
        const rules = await renameTagInRoutingRules(tx, ws, before.name, after.name, now);
        await record(tx, c.var, 'tag.renamed', {
          tagId,
          from: before.name,
          to: after.name,
          conversations,
          rules,
        });
        return after;
      }),
    );
    const usage = await countTagUsage(c.var.deps.store.db, ws);
    return c.json(toJson(row, usage), 200);
  })
  .openapi(remove, async (c) => {
    const { tagId } = c.req.valid('param');
    const ws = c.var.workspaceId;
    await c.var.deps.store.db.transaction().execute(async (tx) => {
      const tag = await findTag(tx, ws, tagId);
      if (!tag) throw new ApiError(404, 'tag_not_found', 'no such tag');
      if (tag.deleted_at) return;
      await removeTag(tx, ws, tagId, c.var.deps.now());
      await record(tx, c.var, 'tag.removed', { tagId, name: tag.name });
    });
    return c.body(null, 204);
  });
