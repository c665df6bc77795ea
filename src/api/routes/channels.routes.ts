import { z } from '@hono/zod-openapi';
import {
  connectChannel,
  removeChannel,
  setChannelPaused,
  testChannel,
  updateChannel,
} from '../../app/channels/channels.ts';
import type { ChannelServices } from '../../pipeline/intake/channel-registry.ts';
import { listChannelAccounts } from '../../store/channel-accounts.repository.ts';
import type { ChannelAccountView } from '../../store/channel-accounts.repository.ts';
import { rethrowAsApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import {
  ChannelCheckSchema,
  ChannelParams,
  ChannelSchema,
  ConnectChannelBody,
  UpdateChannelBody,
} from '../schemas/channel.schema.ts';
import { ErrorSchema, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';

const channels = '/api/v1/workspaces/{workspaceId}/channels';
const tags = ['channels'];

const list = defineRoute({
  method: 'get',
  path: channels,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'Connected channel accounts and their health (last event, lag, last error)',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(ChannelSchema) }), 'Channels') },
});

const connect = defineRoute({
  method: 'post',
  path: channels,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Connect an account: credentials are checked with the network, then stored encrypted',
  request: { params: WorkspaceParams, ...jsonBody(ConnectChannelBody) },
  responses: {
    201: jsonResponse(ChannelSchema, 'The connected account'),
    422: jsonResponse(
      ErrorSchema,
      'The credentials do not fit the network, it refused them, or a URL in them is internal or not https (egress_refused)',
    ),
  },
});

const update = defineRoute({
  method: 'patch',
  path: `${channels}/{channelId}`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary:
    'Edit an account in place: its name and/or credentials (checked with the network, for the same account; the source restarts with them)',
  request: { params: ChannelParams, ...jsonBody(UpdateChannelBody) },
  responses: {
    200: jsonResponse(ChannelSchema, 'The account'),
    422: jsonResponse(
      ErrorSchema,
      'The credentials do not fit the network, it refused them, they are for another account, or a URL in them is internal or not https (egress_refused); nothing was changed',
    ),
  },
});

const check = defineRoute({
  method: 'post',
  path: `${channels}/{channelId}/test`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Check the stored credentials with the network again, and record the outcome',
  request: { params: ChannelParams },
  responses: { 200: jsonResponse(ChannelCheckSchema, 'The outcome and the account') },
});

const pause = defineRoute({
  method: 'post',
  path: `${channels}/{channelId}/pause`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Stop listening to an account (replies to what it heard still go out)',
  request: { params: ChannelParams },
  responses: { 200: jsonResponse(ChannelSchema, 'The account') },
});

const resume = defineRoute({
  method: 'post',
  path: `${channels}/{channelId}/resume`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Listen to a paused account again (or retry one in error)',
  request: { params: ChannelParams },
  responses: { 200: jsonResponse(ChannelSchema, 'The account') },
});

const remove = defineRoute({
  method: 'delete',
  path: `${channels}/{channelId}`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Remove an account and wipe its credentials; the mentions it heard stay',
  request: { params: ChannelParams },
  responses: { 204: { description: 'Removed (or already removed)' } },
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toChannel(account: ChannelAccountView, now: Date) {
  return {
    id: account.id,
    brandId: account.brandId,
    network: account.network,
    name: account.name,
    handle: account.handle,
    simulated: account.simulated,
    status: account.status,
    lastEventAt: iso(account.lastEventAt),
    lagSeconds: account.lastEventAt
      ? Math.max(0, Math.round((now.getTime() - account.lastEventAt.getTime()) / 1000))
      : null,
    lastError: account.lastError,
    lastErrorAt: iso(account.lastErrorAt),
    lastHeardAt: iso(account.lastHeardAt),
    createdAt: account.createdAt.toISOString(),
  };
}

/** Channel accounts of a workspace. Credentials go in once, encrypted, and never come out. */
export function createChannelRoutes(services: ChannelServices) {
  return createRouter()
    .openapi(list, async (c) => {
      const accounts = await listChannelAccounts(c.var.deps.store.db, c.var.workspaceId);
      const now = c.var.deps.now();
      return c.json({ items: accounts.map((account) => toChannel(account, now)) }, 200);
    })
    .openapi(connect, async (c) => {
      const context = useCaseContext(c.var);
      const account = await connectChannel(context, services, c.req.valid('json'));
      return c.json(toChannel(account, context.now), 201);
    })
    .openapi(update, async (c) => {
      const { channelId } = c.req.valid('param');
      const context = useCaseContext(c.var);
      const account = await updateChannel(context, services, channelId, c.req.valid('json'));
      return c.json(toChannel(account, context.now), 200);
    })
    .openapi(check, async (c) => {
      const { channelId } = c.req.valid('param');
      const context = useCaseContext(c.var);
      const outcome = await testChannel(context, services, channelId);
      return c.json({ ...outcome, channel: toChannel(outcome.account, context.now) }, 200);
    })
    .openapi(pause, async (c) => {
      const { channelId } = c.req.valid('param');
      const context = useCaseContext(c.var);
      return c.json(toChannel(await setChannelPaused(context, channelId, true), context.now), 200);
    })
    .openapi(resume, async (c) => {
      const { channelId } = c.req.valid('param');
      const context = useCaseContext(c.var);
      return c.json(toChannel(await setChannelPaused(context, channelId, false), context.now), 200);
    })
    .openapi(remove, async (c) => {
      const { channelId } = c.req.valid('param');
      await removeChannel(useCaseContext(c.var), channelId);
      return c.body(null, 204);
    })
    .onError(rethrowAsApiError);
}
