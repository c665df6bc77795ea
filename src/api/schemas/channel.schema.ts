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
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
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

export const ChannelCheckSchema = z
  .object({
    ok: z.boolean(),
    /** Why the network refused the credentials, when it did. */
    error: z.string().nullable(),
    channel: ChannelSchema,
  })
  .openapi('ChannelCheck');
