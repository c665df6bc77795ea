import type { z } from '@hono/zod-openapi';
import { changedFields } from '../../domain/audit.ts';
import { toCsv } from '../../domain/report-csv.ts';
import { listAuditEntries } from '../../store/audit/audit-log.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import type { AuditEntrySchema } from '../schemas/audit.schema.ts';
import { AuditPageSchema, AuditQuery } from '../schemas/audit.schema.ts';
import { WorkspaceParams } from '../schemas/common.schema.ts';

const list = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/audit-log',
  access: 'workspace',
  role: 'admin',
  tags: ['audit'],
  summary:
    'Who changed configuration or access, when, from where, before → after (secrets never included), newest first. Filters: actorId, kind (or a family such as `member`), from/to; page with `before`. `format=csv` (or `Accept: text/csv`) answers CSV.',
  request: { params: WorkspaceParams, query: AuditQuery },
  responses: {
    200: {
      description: 'A page of the audit log, as JSON or CSV',
      content: {
        'application/json': { schema: AuditPageSchema },
        'text/csv': { schema: { type: 'string' } },
      },
    },
  },
});

type AuditEntry = z.infer<typeof AuditEntrySchema>;

const csvColumns = [
  'id',
  'at',
  'actor',
  'actor_user_id',
  'actor_token_id',
  'kind',
  'target_type',
  'target_id',
  'changed',
  'before',
  'after',
  'ip_address',
  'user_agent',
] as const;

function csvRow(entry: AuditEntry) {
  return [
    entry.id,
    entry.at,
    entry.actor.label,
    entry.actor.userId,
    entry.actor.tokenId,
    entry.kind,
    entry.target?.type ?? null,
    entry.target?.id ?? null,
    changedFields(entry.before, entry.after).join(' '),
    entry.before && JSON.stringify(entry.before),
    entry.after && JSON.stringify(entry.after),
    entry.ipAddress,
    entry.userAgent,
  ];
}

export const auditLogRoutes = createRouter().openapi(list, async (c) => {
  const query = c.req.valid('query');
  const rows = await listAuditEntries(c.var.deps.store.db, c.var.workspaceId, {
    actorUserId: query.actorId,
    kind: query.kind,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    beforeId: query.before,
    limit: query.limit,
  });
  const items: AuditEntry[] = rows.map((row) => ({
    id: String(row.id),
    at: row.created_at.toISOString(),
    actor: { userId: row.actor_user_id, tokenId: row.actor_token_id, label: row.actor_label },
    kind: row.kind,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    before: row.before,
    after: row.after,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
  }));
  const wantsCsv = query.format === 'csv' || c.req.header('accept')?.includes('text/csv');
  if (wantsCsv)
    return c.body(toCsv(csvColumns, items.map(csvRow)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="earshot-audit-log.csv"',
    }) as never;
  const nextBefore = items.length === query.limit ? (items.at(-1)?.id ?? null) : null;
  return c.json({ items, nextBefore }, 200);
});
