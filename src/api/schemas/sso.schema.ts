import { z } from '@hono/zod-openapi';

export const SsoStatusSchema = z
  .object({ configured: z.boolean().openapi({ description: 'Single sign-on is available' }) })
  .openapi('SsoStatus');

export const WorkspaceSsoSchema = z
  .object({
    configured: z.boolean(),
    ssoOnly: z
      .boolean()
      .openapi({ description: 'Members sign in through single sign-on only (API tokens work)' }),
  })
  .openapi('WorkspaceSso');

export const WorkspaceSsoBody = z
  .strictObject({ ssoOnly: z.boolean() })
  .openapi('WorkspaceSsoBody');
