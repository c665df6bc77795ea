import { z } from '@hono/zod-openapi';
import { auditKinds } from '../../domain/audit.ts';
import { Uuid } from './common.schema.ts';

export const AuditQuery = z.object({
  actorId: Uuid.optional().openapi({ description: 'Only what this user did' }),
  kind: z
    .string()
    .regex(
      /^[a-z_]{1,40}(\.[a-z_]{1,40})?$/,
      'a kind such as member.role_changed, or a family such as member',
    )
    .optional()
    .openapi({ description: `A kind (${auditKinds.join(', ')}) or its family (\`member\`)` }),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'From this moment' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Before this moment' }),
  before: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/, "an entry's id")
    .optional()
    .openapi({ description: 'Entries older than this id: the `nextBefore` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv']).default('json'),
});

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({
      userId: z.string().nullable(),
      tokenId: z.string().nullable(),
      label: z.string(),
    }),
    kind: z.string(),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});
