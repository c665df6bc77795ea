import { z } from '@hono/zod-openapi';
import { moderationReasons } from '../../domain/moderation.ts';
import type { ModerationPosition } from '../../store/moderation.repository.ts';
import { Uuid, WorkspaceParams } from './common.schema.ts';

export const MentionParams = WorkspaceParams.extend({ mentionId: Uuid });
export const ContactParams = WorkspaceParams.extend({ contactId: Uuid });

const Note = z.string().trim().min(1).max(2000);

export const HideBody = z
  .strictObject({
    reason: z.enum(moderationReasons).openapi({
      description: 'Only spam or abuse may be hidden: criticism is answered, never hidden',
    }),
    note: Note.optional(),
  })
  .openapi('HideBody');

export const UnhideBody = z
  .strictObject({ note: Note.openapi({ description: 'Why it is shown again' }) })
  .openapi('UnhideBody');

export const BlockBody = HideBody.openapi('BlockBody');
export const UnblockBody = UnhideBody.openapi('UnblockBody');

const OnNetwork = z
  .enum(['hidden', 'unhidden', 'failed', 'not_supported', 'not_applicable'])
  .openapi({
    description:
      "What happened on the network: 'hidden'/'unhidden' there too; 'failed' means the network refused (see onNetworkError) and the change holds in Earshot only; 'not_supported' means the network (or the account) cannot hide posts; 'not_applicable' for blocks",
  });
const OnNetworkError = z
  .string()
  .nullable()
  .openapi({ description: "The network's reason when onNetwork is 'failed'" });

export const ModerationActionSchema = z
  .object({
    id: z.string(),
    action: z.enum(['hide', 'unhide', 'block', 'unblock']),
    mentionId: z.string().nullable(),
    contactId: z.string().nullable(),
    conversationId: z.string().nullable(),
    reason: z.enum(moderationReasons).nullable(),
    note: z.string().nullable(),
    actor: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    onNetwork: OnNetwork,
    onNetworkError: OnNetworkError,
    createdAt: z.string(),
  })
  .openapi('ModerationAction');

export const HiddenMentionSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    hidden: z.object({ reason: z.enum(moderationReasons), at: z.string() }).nullable(),
    onNetwork: OnNetwork,
    onNetworkError: OnNetworkError,
  })
  .openapi('MentionModeration');

export const ContactModerationSchema = z
  .object({ id: z.string(), blockedAt: z.string().nullable() })
  .openapi('ContactModeration');

export const ModerationQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function encodeModerationCursor(position: ModerationPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/** Undefined for a cursor this API did not make. */
export function decodeModerationCursor(cursor: string): ModerationPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1])
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  return undefined;
}
