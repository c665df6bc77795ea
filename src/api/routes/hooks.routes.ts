import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bodyLimit } from 'hono/body-limit';
import { z } from '@hono/zod-openapi';
import type { Network } from '../../domain/network.ts';
import { credentialsContext } from '../../pipeline/intake/channel-registry.ts';
import { rejectedPayload, storeHeard } from '../../pipeline/intake/channel-runner-batch.ts';
import { decryptCredentials } from '../../security/secrets.ts';
import { findHookAccount } from '../../store/channel-accounts.repository.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { ErrorSchema, Uuid, jsonResponse } from '../schemas/common.schema.ts';

/** Deliveries are limited like API bodies; a generic webhook batch holds at most 1000 mentions. */
const maxDeliveryBytes = 1024 * 1024;
const path = '/hooks/{channelId}';
const tags = ['hooks'];
const HookParams = z.object({
  channelId: Uuid.openapi({ param: { name: 'channelId', in: 'path' } }),
});
const Receipt = z
  .object({ stored: z.number(), duplicates: z.number(), rejected: z.number() })
  .openapi('HookReceipt');

const handshake = defineRoute({
  method: 'get',
  path,
  access: 'public',
  tags,
  summary: "Meta's subscription handshake: echoes hub.challenge for the account's verify token",
  request: {
    params: HookParams,
    query: z.object({
      'hub.mode': z.string().optional(),
      'hub.verify_token': z.string().optional(),
      'hub.challenge': z.string().optional(),
    }),
  },
  responses: {
    200: { description: 'The challenge', content: { 'text/plain': { schema: z.string() } } },
    403: jsonResponse(ErrorSchema, 'Wrong mode, verify token or challenge'),
  },
});

// No request body is declared: a validator would parse the JSON, and signatures are checked
// over the exact bytes received.
const deliver = defineRoute({
  method: 'post',
  path,
  access: 'public',
  tags,
  summary: 'A pushed delivery (generic signed webhook, Meta): stored before it is acknowledged',
  description:
    'Signed with X-Earshot-Signature and X-Earshot-Timestamp (generic webhook) or X-Hub-Signature-256 (Meta) over the raw body. A forged or missing signature answers 401 and stores nothing. A signed but unreadable body is kept as a rejected record: the generic webhook answers 400 or 422, Meta 200 (Meta would otherwise retry it forever).',
  request: { params: HookParams },
  responses: {
    200: jsonResponse(Receipt, 'Stored (the same delivery twice stores it once)'),
    422: jsonResponse(ErrorSchema, 'Signed, but not a valid mention (kept as a rejected record)'),
    503: jsonResponse(ErrorSchema, 'The account is paused: deliver again later'),
  },
});

// These codes are the senders' (webhook-signature.ts, Meta), not the API's closed list.
const refuse = (
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details: unknown = null,
) => new ApiError(status, code as ErrorCode, message, details);

/** The account at this address, if its network takes pushed deliveries, with its channel. */
async function openAccount(c: Context<AppEnv>, channelId: string) {
  const deps = c.var.deps;
  const account = await findHookAccount(deps.store.db, channelId);
  if (!account || account.removedAt || !account.credentialsEncrypted) return undefined;
  const channel = deps.channels.registry.get(account.network as Network)?.channel;
  if (!channel?.receive) return undefined;
  const credentials = decryptCredentials(
    deps.channels.secretKey,
    account.credentialsEncrypted,
    credentialsContext(account.id),
  );
  return { account, channel, credentials };
}

const notFound = () => refuse(404, 'channel_not_found', 'no webhook or Meta account has this id');

/**
 * Public receivers for networks that push: one URL per channel account. Anyone can call them;
 * only a delivery signed with the account's secret is stored, and it is acknowledged only after
 * it is committed (a crash before that makes the platform deliver it again).
 */
export const hookRoutes = createRouter();
hookRoutes.use(
  '/hooks/*',
  bodyLimit({
    maxSize: maxDeliveryBytes,
    onError: () => {
      throw refuse(413, 'payload_too_large', `deliveries are limited to ${maxDeliveryBytes} bytes`);
    },
  }),
);
hookRoutes
  .openapi(handshake, async (c) => {
    const opened = await openAccount(c, c.req.valid('param').channelId);
    const answer = opened?.channel.answerHandshake?.(opened.credentials, c.req.query());
    if (!answer) throw notFound();
    if (!answer.ok) throw refuse(403, 'handshake_refused', answer.reason);
    return c.text(answer.challenge, 200);
  })
  .openapi(deliver, async (c) => {
    const deps = c.var.deps;
    const opened = await openAccount(c, c.req.valid('param').channelId);
    if (!opened) throw notFound();
    const { account, channel, credentials } = opened;
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const now = deps.now();
    // The channel checks the signature over the raw bytes, then takes only the entries for the
    // account connected at this address (the same secret or sender can serve several accounts,
    // even in other workspaces); the others are kept as rejected records.
    const delivery = { rawBody, header: (name: string) => c.req.header(name) };
    const receipt = channel.receive?.(credentials, delivery, now);
    if (!receipt || (!receipt.accepted && receipt.status === 404)) throw notFound();
    if (!receipt.accepted) throw refuse(401, receipt.error.code, receipt.error.message);
    // Signed by the account's secret from here on: the sender may learn the account's state.
    if (account.status === 'paused') {
      c.header('retry-after', '300');
      throw refuse(503, 'channel_paused', 'this account is paused; deliver again later');
    }
    const heard = {
      mentions: receipt.mentions,
      rejected: receipt.rejected.map(({ body, reason }) => rejectedPayload(account, body, reason)),
    };
    const outcome = await storeHeard(deps.store.db, account, heard, now, deps.channels.assess);
    const { refusal } = receipt;
    if (refusal) throw refuse(refusal.status, refusal.code, refusal.message, refusal.details);
    return c.json(outcome, 200);
  });
