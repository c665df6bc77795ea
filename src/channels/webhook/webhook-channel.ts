import { z } from 'zod';
import { ChannelSendError, type Channel, type OutgoingReply, type SentReply } from '../channel.ts';
import type { Mention } from '../../domain/mention.ts';
import { publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import { receiveWebhookDelivery } from './receive-webhook.ts';
import { parseWebhookBody } from './webhook-schema.ts';
import { credentialsForSend, sendHttp } from './send-http.ts';
import { signWebhookBody, signatureHeader, timestampHeader } from './webhook-signature.ts';

export const webhookCredentialsSchema = z
  .object({
    /** Names the source in the inbox ("Shop contact form"). */
    name: z.string().min(1).max(200),
    /** Shared with the sender; long enough that it cannot be guessed. */
    secret: z.string().min(32, 'the secret must be at least 32 characters'),
    /** Where replies are posted, signed like deliveries; without it the source is read-only. */
    replyUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

export type WebhookCredentials = z.infer<typeof webhookCredentialsSchema>;

export interface WebhookChannelOptions {
  now?: () => Date;
  timeoutMs?: number;
  /** Where replies may be posted (default: public https only). */
  egress?: Egress;
}

const replyAnswerSchema = z.object({ id: z.string().min(1), url: z.string().optional() });

/** Any system that can sign JSON: mentions are pushed to the account's address (`receive`); replies go back to its reply URL. */
export function createWebhookChannel(
  options: WebhookChannelOptions = {},
): Channel<WebhookCredentials> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const egress = options.egress ?? publicEgress;
  return {
    network: 'webhook',
    receive: (credentials, delivery, at) => receiveWebhookDelivery(credentials, delivery, at),
    async validateCredentials(credentials) {
      const valid = webhookCredentialsSchema.parse(credentials);
      if (valid.replyUrl) await egress.checkUrl(valid.replyUrl, 'replyUrl');
      return { accountId: valid.name, handle: valid.name };
    },
    normalize(raw: unknown): Mention[] {
      const parsed = parseWebhookBody(raw);
      if (!parsed.ok) {
        throw new Error(
          `webhook payload: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
      }
      return parsed.mentions;
    },
    async send(credentials, reply, options) {
      const { replyUrl, secret } = credentialsForSend(webhookCredentialsSchema, credentials);
      if (!replyUrl)
        throw new ChannelSendError('this webhook source has no reply URL', { retryable: false });
      return postReply(replyUrl, secret, reply, {
        now,
        timeoutMs,
        egress,
        signal: options?.signal,
      });
    },
  };
}

async function postReply(
  replyUrl: string,
  secret: string,
  reply: OutgoingReply,
  {
    now,
    timeoutMs,
    egress,
    signal,
  }: { now: () => Date; timeoutMs: number; egress: Egress; signal?: AbortSignal },
): Promise<SentReply> {
  const body = JSON.stringify({
    idempotencyKey: reply.idempotencyKey,
    inReplyToId: reply.inReplyTo.externalId,
    rootId: reply.inReplyTo.rootExternalId,
    author: { id: reply.inReplyTo.author.externalId, handle: reply.inReplyTo.author.handle },
    text: reply.text,
    visibility: reply.visibility,
  });
  const timestamp = Math.floor(now().getTime() / 1000);
  const answer = await sendHttp(replyUrl, {
    body,
    headers: {
      'content-type': 'application/json',
      'idempotency-key': reply.idempotencyKey,
      [timestampHeader]: String(timestamp),
      [signatureHeader]: signWebhookBody(body, timestamp, secret),
    },
    timeoutMs,
    signal,
    now,
    label: 'the webhook reply URL',
    egress,
  });
  if (answer.status < 200 || answer.status >= 300) {
    throw new ChannelSendError(`the webhook reply URL refused the reply (HTTP ${answer.status})`, {
      retryable: false,
    });
  }
  const parsed = replyAnswerSchema.safeParse(answer.json);
  // A receiver that answers 2xx without an id still took the reply; the key names it.
  return parsed.success
    ? { externalId: parsed.data.id, url: parsed.data.url }
    : { externalId: reply.idempotencyKey };
}
