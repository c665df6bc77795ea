import { z } from '@hono/zod-openapi';
import { connectableNetworks } from '../../domain/networks.ts';
import { Name, Uuid, WorkspaceParams } from './common.schema.ts';

export const ChannelParams = WorkspaceParams.extend({
  channelId: Uuid.openapi({ param: { name: 'channelId', in: 'path' } }),
});

export const ChannelSchema = z
  .object({
    id: z.string(),
    brandId: z.string(),
    network: z.string(),
    name: z.string(),
    /** The account's handle as the network reported it when the credentials were checked. */
    handle: z.string().nullable(),
    simulated: z.boolean(),
    status: z.enum(['active', 'paused', 'error']),
    lastEventAt: z.string().nullable(),
    /** Seconds since the last event was heard: how far behind the source may be. */
    lagSeconds: z.number().nullable(),
    /** Why the account is in error (or last failed): a refused check, or a source that cannot connect or went silent. */
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    /** When its source last heard from the network (a frame, a poll answer, a keep-alive). */
    lastHeardAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Channel', {
    description: 'A connected account and its health. Credentials are never returned.',
  });

export const ConnectChannelBody = z
  .strictObject({
    network: z.enum(connectableNetworks),
    brandId: Uuid,
    name: Name,
    credentials: z
      .record(z.string(), z.unknown())
      .openapi({ description: "The network's credentials; their fields depend on the network" }),
  })
  .openapi('ConnectChannelBody');

export const UpdateChannelBody = z
  .strictObject({
    name: Name.optional(),
    credentials: z.record(z.string(), z.unknown()).optional().openapi({
      description:
        "The network's credentials, all of them (they replace the stored ones): checked with the network as on connect, and for the same network account",
    }),
  })
  .refine((body) => body.name !== undefined || body.credentials !== undefined, {
    message: 'give a name, credentials, or both',
  })
  .openapi('UpdateChannelBody');

export const ChannelCheckSchema = z
  .object({
    /** The credentials were accepted and, where tested, the listening connection heard the network. */
    ok: z.boolean(),
    /** Why the network refused the credentials, when it did. */
    error: z.string().nullable(),
    /** The listening connection, opened for a few seconds; null when this network cannot be tested so. */
    listening: z
      .union([
        z.object({ ok: z.literal(true), detail: z.string() }),
        z.object({ ok: z.literal(false), error: z.string() }),
      ])
      .nullable(),
    channel: ChannelSchema,
  })
  .openapi('ChannelCheck');
