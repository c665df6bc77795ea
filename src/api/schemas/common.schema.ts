import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().nullable(),
    }),
  })
  .openapi('Error');

const errorContent = { content: { 'application/json': { schema: ErrorSchema } } };

export const errorResponses = {
  400: { description: 'The request is malformed or fails validation', ...errorContent },
  401: {
    description: 'Not logged in, or the session or token is no longer valid',
    ...errorContent,
  },
  403: {
    description: 'Logged in, but the role is too low or the CSRF token is missing',
    ...errorContent,
  },
  404: { description: 'Not found, or not in a workspace you belong to', ...errorContent },
  413: { description: 'The body is larger than allowed', ...errorContent },
  429: { description: 'Too many attempts', ...errorContent },
} as const;

export const Uuid = z.uuid();

export const WorkspaceParams = z.object({
  workspaceId: Uuid.openapi({ param: { name: 'workspaceId', in: 'path' } }),
});

export function jsonBody<T extends z.ZodType>(schema: T, description = 'JSON body') {
  return { body: { content: { 'application/json': { schema } }, required: true, description } };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A display name or title: trimmed, not empty, not huge. */
export const Name = z.string().trim().min(1).max(200);
