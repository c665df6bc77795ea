import { z } from 'zod';
import { publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import { ChannelSendError, type Channel, type OutgoingReply, type SentReply } from '../channel.ts';
import { credentialsForSend } from '../webhook/send-http.ts';
import { graphRequest, type GraphOptions } from './graph-api.ts';
import { findMetaSent } from './meta-find-sent.ts';
import { metaEventKind, normalizeMetaBody } from './meta-normalize.ts';
import { answerMetaHandshake, receiveMetaDelivery } from './receive-meta-webhook.ts';

export const metaCredentialsSchema = z.object({
  /** The Facebook Page (for Instagram, the Page linked to the professional account). */
  pageId: z.string().min(1),
  pageAccessToken: z.string().min(1),
  /** Signs webhook deliveries (X-Hub-Signature-256) and our appsecret_proof. */
  appSecret: z.string().min(1),
  /** Our side of the subscription handshake. */
  verifyToken: z.string().min(8),
  /** Instagram professional account id, for the Instagram channel. */
  instagramAccountId: z.string().min(1).optional(),
});

export type MetaCredentials = z.infer<typeof metaCredentialsSchema>;

export interface MetaChannelOptions {
  /** Graph API root with its version. */
  graphBaseUrl?: string;
  now?: () => Date;
  timeoutMs?: number;
  /** Where Graph calls may go (default: public https only). */
  egress?: Egress;
}

const replyIdSchema = z.union([
  z.object({ id: z.string() }).transform((answer) => answer.id),
  z.object({ message_id: z.string() }).transform((answer) => answer.message_id),
]);

/**
 * Facebook Pages or Instagram, through Meta webhooks (events are pushed to the account's address:
 * `receive` and `answerHandshake`) and the Graph API for replies. The Graph API takes no
 * idempotency key, so a retry first asks findSent whether an earlier attempt already posted.
 */
export function createMetaChannel(
  network: 'facebook' | 'instagram',
  options: MetaChannelOptions = {},
): Channel<MetaCredentials> {
  const baseUrl = options.graphBaseUrl ?? 'https://graph.facebook.com/v21.0';
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 15_000;
  const graph = (credentials: MetaCredentials, signal?: AbortSignal): GraphOptions => ({
    baseUrl,
    accessToken: credentials.pageAccessToken,
    appSecret: credentials.appSecret,
    timeoutMs,
    signal,
    now,
    egress: options.egress ?? publicEgress,
  });

  return {
    network,
    receive: (credentials, delivery) => receiveMetaDelivery(credentials, delivery),
    answerHandshake: (credentials, query) => answerMetaHandshake(credentials, query),
    async validateCredentials(input) {
      const credentials = metaCredentialsSchema.parse(input);
      if (network === 'instagram') {
        if (!credentials.instagramAccountId)
          throw new Error('instagramAccountId is required for Instagram');
        const account = await graphRequest(
          'GET',
          `${credentials.instagramAccountId}?fields=id,username`,
          graph(credentials),
        );
        return { accountId: String(account.id), handle: String(account.username ?? account.id) };
      }
      const page = await graphRequest(
        'GET',
        `${credentials.pageId}?fields=id,name`,
        graph(credentials),
      );
      return { accountId: String(page.id), handle: String(page.name ?? page.id) };
    },
    normalize(raw) {
      return normalizeMetaBody(raw).filter((mention) => mention.network === network);
    },
    async send(input, reply, options) {
      const credentials = credentialsForSend(metaCredentialsSchema, input);
      const { path, body } = replyRequest(reply);
      const answer = await graphRequest('POST', path, graph(credentials, options?.signal), body);
      const id = replyIdSchema.safeParse(answer);
      if (!id.success)
        throw new ChannelSendError('Graph API accepted the reply without an id', {
          retryable: false,
        });
      return { externalId: id.data } satisfies SentReply;
    },
    async findSent(input, reply, options) {
      const credentials = credentialsForSend(metaCredentialsSchema, input);
      const ourAccountId =
        network === 'instagram'
          ? (credentials.instagramAccountId ?? credentials.pageId)
          : credentials.pageId;
      return findMetaSent(
        network,
        ourAccountId,
        credentials.pageId,
        reply,
        graph(credentials, options?.signal),
      );
    },
    async hide(input, mention, hidden) {
      const credentials = credentialsForSend(metaCredentialsSchema, input);
      const kind = metaEventKind(mention.raw);
      if (kind !== 'facebook_comment' && kind !== 'instagram_comment')
        throw new ChannelSendError(`only comments can be hidden on ${network}`, {
          retryable: false,
        });
      // Facebook calls the field is_hidden; Instagram calls it hide.
      const body = kind === 'instagram_comment' ? { hide: hidden } : { is_hidden: hidden };
      await graphRequest('POST', encodeURIComponent(mention.externalId), graph(credentials), body);
    },
  };
}

/** The Graph edge for a reply: comments answer in their thread, anything private goes by message. */
function replyRequest(reply: OutgoingReply): { path: string; body: Record<string, unknown> } {
  const kind = metaEventKind(reply.inReplyTo.raw);
  if (kind === undefined) {
    throw new ChannelSendError('the mention answered is not a Meta comment or message', {
      retryable: false,
    });
  }
  const commentId = encodeURIComponent(reply.inReplyTo.externalId);
  if (kind === 'message' || reply.visibility === 'private') {
    // A private reply to a comment goes to its author through the comment (Meta's "private replies").
    const recipient =
      kind === 'message'
        ? { id: reply.inReplyTo.author.externalId }
        : { comment_id: reply.inReplyTo.externalId };
    return {
      path: 'me/messages',
      body: { recipient, messaging_type: 'RESPONSE', message: { text: reply.text } },
    };
  }
  if (kind === 'instagram_comment')
    return { path: `${commentId}/replies`, body: { message: reply.text } };
  return { path: `${commentId}/comments`, body: { message: reply.text } };
}
