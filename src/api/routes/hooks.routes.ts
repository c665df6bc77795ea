import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bodyLimit } from 'hono/body-limit';
import { z } from '@hono/zod-openapi';
import { receiveMetaWebhook } from '../../channels/meta/receive-meta-webhook.ts';
import { verifyChallenge } from '../../channels/meta/meta-webhook-verify.ts';
import { receiveWebhook } from '../../channels/webhook/receive-webhook.ts';
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

const metaNetworks = new Set(['facebook', 'instagram']);
const pushedNetworks = new Set([...metaNetworks, 'webhook']);

// These codes are the senders' (webhook-signature.ts, Meta), not the API's closed list.
const refuse = (
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details: unknown = null,
) => new ApiError(status, code as ErrorCode, message, details);

async function openAccount(c: Context<AppEnv>, channelId: string) {
  const deps = c.var.deps;
  const account = await findHookAccount(deps.store.db, channelId);
  if (!account || account.removedAt || !account.credentialsEncrypted) return undefined;
  if (!pushedNetworks.has(account.network)) return undefined;
  const credentials = decryptCredentials(
    deps.channels.secretKey,
    account.credentialsEncrypted,
    credentialsContext(account.id),
  ) as Record<string, string>;
  return { account, credentials };
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
    const verifyToken = opened?.credentials.verifyToken;
    // Never match an empty token: credentials without one cannot be subscribed to.
    if (!opened || !metaNetworks.has(opened.account.network) || !verifyToken) throw notFound();
    const check = verifyChallenge(c.req.query(), verifyToken);
    if (!check.ok) throw refuse(403, 'handshake_refused', check.reason);
    return c.text(check.challenge, 200);
  })
  .openapi(deliver, async (c) => {
    const deps = c.var.deps;
    const opened = await openAccount(c, c.req.valid('param').channelId);
    if (!opened) throw notFound();
    const { account, credentials } = opened;
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    // Only for a rejected record's copy of the body; the receivers decode strictly (bytes that
    // are not UTF-8 are refused, never replaced) after checking the signature on the raw bytes.
    const text = new TextDecoder().decode(rawBody);
    const now = deps.now();
    const isMeta = metaNetworks.has(account.network);
    const secret = isMeta ? credentials.appSecret : credentials.secret;
    // Anyone can sign with an empty key: an account without a secret takes no deliveries.
    if (!secret) throw notFound();
    // Only entries for the account connected at this URL are taken (the same app secret or
    // sender can serve several accounts, even in other workspaces); others are kept as rejected.
    const receipt = isMeta
      ? receiveMetaWebhook(rawBody, c.req.header('x-hub-signature-256'), secret, {
          pageId: credentials.pageId ?? '',
          instagramAccountId: credentials.instagramAccountId,
        })
      : receiveWebhook(
          {
            rawBody,
            headers: {
              'x-earshot-signature': c.req.header('x-earshot-signature'),
              'x-earshot-timestamp': c.req.header('x-earshot-timestamp'),
            },
          },
          secret,
          now,
          credentials.name ?? '',
        );
    if (!receipt.ok && receipt.status === 401)
      throw refuse(401, receipt.error.code, receipt.error.message);
    // Signed by the account's secret from here on: the sender may learn the account's state.
    if (account.status === 'paused') {
      c.header('retry-after', '300');
      throw refuse(503, 'channel_paused', 'this account is paused; deliver again later');
    }
    const heard = receipt.ok
      ? {
          mentions: receipt.mentions,
          rejected: receipt.foreign.map(({ body, reason }) =>
            rejectedPayload(account, body, reason),
          ),
        }
      : { mentions: [], rejected: [rejectedPayload(account, text, receipt.error.message)] };
    const outcome = await storeHeard(deps.store.db, account, heard, now, deps.channels.assess);
    // A generic sender whose every mention named another account hears so; Meta always gets 200.
    if (!isMeta && receipt.ok && receipt.mentions.length === 0 && receipt.foreign.length > 0)
      throw refuse(422, 'wrong_account', receipt.foreign[0]!.reason);
    if (receipt.ok || isMeta) return c.json(outcome, 200);
    const details = 'details' in receipt.error ? receipt.error.details : null;
    throw refuse(receipt.status, receipt.error.code, receipt.error.message, details);
  });
