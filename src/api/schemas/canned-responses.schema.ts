import { z } from '@hono/zod-openapi';
import { cannedVariables } from '../../domain/canned-response.ts';
import { Name, Uuid, WorkspaceParams } from './common.schema.ts';

export const CannedResponseParams = WorkspaceParams.extend({ cannedResponseId: Uuid });

const Body = z
  .string()
  .trim()
  .min(1)
  .max(20_000)
  .openapi({
    description: `Text with variables: ${cannedVariables.map((v) => `{{${v}}}`).join(', ')}`,
  });

export const CreateCannedResponseBody = z
  .strictObject({
    name: Name,
    body: Body,
    teamId: Uuid.nullable().default(null).openapi({ description: 'Null: the whole workspace' }),
  })
  .openapi('CreateCannedResponseBody');

export const UpdateCannedResponseBody = z
  .strictObject({
    name: Name.optional(),
    body: Body.optional(),
    teamId: Uuid.nullable().optional(),
  })
  .openapi('UpdateCannedResponseBody');

export const CannedResponseSchema = z
  .object({
    id: z.string(),
    teamId: z.string().nullable(),
    name: z.string(),
    body: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CannedResponse');

export const CannedResponseListQuery = z.object({
  teamId: Uuid.optional().openapi({ description: "Also this team's own responses" }),
});

export const RenderBody = z
  .strictObject({ conversationId: Uuid })
  .openapi('RenderCannedResponseBody');

export const RenderedSchema = z
  .object({
    text: z.string(),
    length: z.object({
      network: z.string(),
      length: z.number(),
      limit: z.number().nullable(),
      fits: z.boolean(),
    }),
  })
  .openapi('RenderedCannedResponse');
