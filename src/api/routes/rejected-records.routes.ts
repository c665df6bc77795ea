import { z } from '@hono/zod-openapi';
import { listRejectedRecords } from '../../store/rejected-records.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { Uuid, WorkspaceParams, jsonResponse } from '../schemas/common.schema.ts';

const RejectedRecordSchema = z
  .object({
    id: z.string(),
    /** The account that received it; null for a file import. */
    channelId: z.string().nullable(),
    /** Where it came from: "twcs:tweets.csv", "webhook:{account}:{digest}". */
    source: z.string(),
    reason: z.string(),
    /** The line in the imported file, when it has one. */
    line: z.number().nullable(),
    /** The payload's first 500 characters, to be shown as text. */
    preview: z.string(),
    payloadLength: z.number(),
    truncated: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('RejectedRecord', {
    description: 'Something a source sent that could not be read, kept with the reason',
  });

const RejectedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `next` of the previous page. */
  after: Uuid.optional(),
});

const list = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/rejected-records',
  access: 'workspace',
  role: 'admin',
  tags: ['channels'],
  summary: 'What channels and imports could not read, newest first, with the reason',
  request: { params: WorkspaceParams, query: RejectedQuery },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(RejectedRecordSchema), next: z.string().nullable() }),
      'A page of rejected records; pass `next` as `after` for the following one',
    ),
  },
});

export const rejectedRecordRoutes = createRouter().openapi(list, async (c) => {
  const query = c.req.valid('query');
  const page = await listRejectedRecords(c.var.deps.store.db, c.var.workspaceId, {
    limit: query.limit,
    after: query.after,
  });
  const items = page.records.map((record) => ({
    id: record.id,
    channelId: record.channelAccountId,
    source: record.source,
    reason: record.reason,
    line: record.line,
    preview: record.preview,
    payloadLength: record.payloadLength,
    // SQL counts characters (code points); JavaScript strings count UTF-16 units.
    truncated: record.payloadLength > [...record.preview].length,
    createdAt: record.createdAt.toISOString(),
  }));
  return c.json({ items, next: page.next ?? null }, 200);
});
