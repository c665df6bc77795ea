import { z } from '@hono/zod-openapi';
import { Uuid, WorkspaceParams } from './common.schema.ts';

export const AlertParams = WorkspaceParams.extend({
  alertId: Uuid.openapi({ param: { name: 'alertId', in: 'path' } }),
});

export const DestinationParams = WorkspaceParams.extend({
  destinationId: Uuid.openapi({ param: { name: 'destinationId', in: 'path' } }),
});

export const AlertListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: Uuid.optional().openapi({ description: 'The id of the last alert of the previous page' }),
});

export const AlertSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['spike', 'viral', 'sla_breach', 'test', 'channel_error']),
    summary: z.string(),
    brandId: z.string().nullable(),
    conversationId: z.string().nullable(),
    mentionId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .openapi('Alert');

export const AlertListSchema = z.object({
  items: z.array(AlertSchema),
  nextBefore: z.string().nullable().openapi({ description: 'Pass as ?before= for the next page' }),
});

const webhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .openapi({ description: 'Receives a JSON POST signed with X-Earshot-Signature' });
const emailAddress = z.email().max(320);
const secret = z.string().min(16).max(200);

export const CreateDestinationBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('webhook'),
      url: webhookUrl,
      secret: secret.optional().openapi({
        description: 'The HMAC key; when omitted one is generated and returned once',
      }),
      enabled: z.boolean().default(true),
    }),
    z.object({
      kind: z.literal('email'),
      address: emailAddress,
      enabled: z.boolean().default(true),
    }),
  ])
  .openapi('CreateAlertDestination');

export const UpdateDestinationBody = z
  .strictObject({
    url: webhookUrl.optional(),
    address: emailAddress.optional(),
    enabled: z.boolean().optional(),
  })
  .openapi('UpdateAlertDestination');

export const DestinationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['webhook', 'email']),
    target: z.string().openapi({ description: 'The webhook URL or email address' }),
    enabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('AlertDestination');

export const CreatedDestinationSchema = DestinationSchema.extend({
  secret: z.string().nullable().openapi({ description: "The webhook's HMAC key, shown only now" }),
});

export const DeliverySchema = z
  .object({
    id: z.string(),
    alertId: z.string(),
    destinationId: z.string(),
    status: z.enum(['pending', 'sent', 'failed']),
    attempts: z.number(),
    lastError: z.string().nullable(),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AlertDelivery');
