import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { BlueskyChannelOptions } from '../../channels/bluesky/bluesky-channel.ts';
import { createBlueskyChannel } from '../../channels/bluesky/bluesky-channel.ts';
import { blueskyCredentialsSchema } from '../../channels/bluesky/credentials.ts';
import { ChannelSendError, earliestPostingTime } from '../../channels/channel.ts';
import type { Channel, OutgoingReply } from '../../channels/channel.ts';
import type { ReplayChannelOptions } from '../../channels/import/replay-channel.ts';
import {
  createReplayChannel,
  replayCredentialsSchema,
} from '../../channels/import/replay-channel.ts';
import type { MastodonChannelOptions } from '../../channels/mastodon/mastodon-channel.ts';
import {
  createMastodonChannel,
  mastodonCredentialsSchema,
} from '../../channels/mastodon/mastodon-channel.ts';
import type { MetaChannelOptions } from '../../channels/meta/meta-channel.ts';
import { createMetaChannel, metaCredentialsSchema } from '../../channels/meta/meta-channel.ts';
import type { GoogleReviewsChannelOptions } from '../../channels/reviews/gbp-channel.ts';
import {
  createGoogleReviewsChannel,
  googleReviewsCredentialsSchema,
} from '../../channels/reviews/gbp-channel.ts';
import type { WebhookChannelOptions } from '../../channels/webhook/webhook-channel.ts';
import {
  createWebhookChannel,
  webhookCredentialsSchema,
} from '../../channels/webhook/webhook-channel.ts';
import type { XChannelOptions } from '../../channels/x/x-channel.ts';
import { createXChannel, xCredentialsSchema } from '../../channels/x/x-channel.ts';
import type { Network } from '../../domain/network.ts';
import { publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import { findBrand } from '../../store/brands.repository.ts';
import {
  findSendingAccount,
  insertChannelAccount,
  recordChannelCheck,
} from '../../store/channel-accounts.repository.ts';
import type { ChannelAccountView } from '../../store/channel-accounts.repository.ts';
import {
  findRemovedChannelAccount,
  reactivateChannelAccount,
} from '../../store/channel-account-update.repository.ts';
import { newId } from '../../store/ids.ts';
import { inTransaction } from '../../store/transaction.ts';
import { findHidingAccount } from '../../store/moderation.repository.ts';
import { findTakenExternalIds } from '../../store/replies-taken.repository.ts';
import type { Database, ReplyRow } from '../../store/schema.ts';
import { checkCredentials, describeError } from './channel-credentials.ts';
import type { ChannelRegistry } from './channel-credentials.ts';
import type { Assess } from './ingest.ts';
import type { ReplySender } from '../outbox/outbox.ts';
import { decryptCredentials, encryptCredentials } from '../../security/secrets.ts';

export type { ChannelRegistry, RegisteredNetwork } from './channel-credentials.ts';

/** Where each network's channel reaches; tests point these at local servers and networks. */
export interface ChannelRegistryOptions {
  /**
   * Where every channel may connect (security/egress.ts); default public https only. Tests that
   * talk to local fakes opt in, as EARSHOT_ALLOW_PRIVATE_EGRESS does.
   */
  egress?: Egress;
  bluesky?: BlueskyChannelOptions;
  mastodon?: MastodonChannelOptions;
  x?: XChannelOptions;
  meta?: MetaChannelOptions;
  googleReviews?: GoogleReviewsChannelOptions;
  webhook?: WebhookChannelOptions;
  replay?: ReplayChannelOptions;
}

export function createChannelRegistry(options: ChannelRegistryOptions = {}): ChannelRegistry {
  const o = options;
  const egress = { egress: o.egress ?? publicEgress };
  const entries: Array<[Network, Channel<unknown>, z.ZodType]> = [
    ['bluesky', createBlueskyChannel({ ...egress, ...o.bluesky }), blueskyCredentialsSchema],
    ['mastodon', createMastodonChannel({ ...egress, ...o.mastodon }), mastodonCredentialsSchema],
    ['x', createXChannel({ ...egress, ...o.x }), xCredentialsSchema],
    ['facebook', createMetaChannel('facebook', { ...egress, ...o.meta }), metaCredentialsSchema],
    ['instagram', createMetaChannel('instagram', { ...egress, ...o.meta }), metaCredentialsSchema],
    [
      'google_reviews',
      createGoogleReviewsChannel({ ...egress, ...o.googleReviews }),
      googleReviewsCredentialsSchema,
    ],
    ['webhook', createWebhookChannel({ ...egress, ...o.webhook }), webhookCredentialsSchema],
    ['replay', createReplayChannel(o.replay), replayCredentialsSchema],
  ];
  return new Map(
    entries.map(([network, channel, credentialsSchema]) => [
      network,
      { channel, credentialsSchema },
    ]),
  );
}

/** What connecting, checking and running channel accounts needs, built once per process. */
export interface ChannelServices {
  registry: ChannelRegistry;
  /** Encrypts credentials at rest (see secrets.ts). */
  secretKey: Buffer;
  /** Triage for what the accounts hear (streams and pushed deliveries); none leaves it unlabelled. */
  assess?: Assess | undefined;
}

/** The context credentials are encrypted under: a ciphertext copied to another row won't open. */
export function credentialsContext(accountId: string): string {
  return `channel_accounts:${accountId}`;
}

export type ConnectOutcome =
  | { ok: true; account: ChannelAccountView }
  | {
      ok: false;
      code: 'brand_not_found' | 'invalid_credentials' | 'egress_refused';
      message: string;
    };

/**
 * Connects an account: the credentials must fit the network's schema and be accepted by the
 * network itself before they are stored, encrypted. Errors are values the API and CLI show.
 */
export async function connectChannel(
  db: Kysely<Database>,
  services: ChannelServices,
  input: {
    workspaceId: string;
    brandId: string;
    network: Network;
    name: string;
    credentials: unknown;
  },
  /** Runs in the transaction that saves the account (the audit log's entry), after the check. */
  afterSave?: AfterChannelSave,
): Promise<ConnectOutcome> {
  if (!services.registry.has(input.network))
    return {
      ok: false,
      code: 'invalid_credentials',
      message: `${input.network} accounts cannot be connected`,
    };
  if (!(await findBrand(db, input.workspaceId, input.brandId)))
    return { ok: false, code: 'brand_not_found', message: 'no such brand' };
  const checked = await checkCredentials(services, input.network, input.credentials);
  if (!checked.ok) return checked;
  // The same network account connected again after it was removed gets its old row back, so
  // replies to what it heard before (sent with the credentials of the account that heard the
  // mention) work again. See docs/adr/0006-reconnect-reuses-the-account.md.
  const removed = await findRemovedChannelAccount(db, input.workspaceId, input.network, {
    externalId: checked.accountId,
    handle: checked.handle,
  });
  const id = removed?.id ?? newId();
  const credentialsEncrypted = encryptCredentials(
    services.secretKey,
    checked.credentials,
    credentialsContext(id),
  );
  const fields = { brandId: input.brandId, name: input.name, handle: checked.handle };
  const externalId = checked.accountId;
  const account = await inTransaction(db, async (tx) => {
    const saved = removed
      ? await reactivateChannelAccount(
          tx,
          id,
          { ...fields, externalId, credentialsEncrypted },
          new Date(),
        )
      : await insertChannelAccount(tx, {
          id,
          workspaceId: input.workspaceId,
          network: input.network,
          ...fields,
          externalId,
          credentialsEncrypted,
        });
    await afterSave?.(tx, saved);
    return saved;
  });
  return { ok: true, account };
}

/** A step run in the transaction that saves a channel account (connect or update). */
export type AfterChannelSave = (tx: Kysely<Database>, account: ChannelAccountView) => Promise<void>;

/**
 * Checks an account's stored credentials with its network again and records the outcome on the
 * account (its health shows the error; a failure stops an active account until it passes).
 */
export async function checkChannel(
  db: Kysely<Database>,
  services: ChannelServices,
  account: { id: string; network: string; simulated: boolean; credentialsEncrypted: string | null },
  now: Date,
): Promise<{ ok: boolean; error: string | null; account: ChannelAccountView }> {
  let outcome: { handle: string | null } | { error: string };
  const registered = services.registry.get(account.network as Network);
  if (account.simulated) {
    outcome = { handle: null };
  } else if (!registered) {
    outcome = { error: `${account.network} accounts are not supported by this version` };
  } else if (!account.credentialsEncrypted) {
    outcome = { error: 'no credentials are stored for this account; connect it again' };
  } else {
    try {
      const credentials = decryptCredentials(
        services.secretKey,
        account.credentialsEncrypted,
        credentialsContext(account.id),
      );
      outcome = { handle: (await registered.channel.validateCredentials(credentials)).handle };
    } catch (error) {
      outcome = { error: describeError(error) };
    }
  }
  const updated = await recordChannelCheck(db, account.id, outcome, now);
  return {
    ok: 'handle' in outcome,
    error: 'error' in outcome ? outcome.error : null,
    account: updated,
  };
}

/**
 * A sender per network for the outbox (`createSenderResolver(networkSenders)`): each reply goes
 * out through the account that heard the mention it answers, with that account's credentials.
 * Channels that can look for a reply already posted (`findSent`) lend their senders that too.
 */
export function createNetworkSenders(
  db: Kysely<Database>,
  services: ChannelServices,
): Partial<Record<Network, ReplySender>> {
  const senders: Partial<Record<Network, ReplySender>> = {};
  for (const [network, { channel }] of services.registry) {
    // What our other replies are recorded as goes along where the channel can look for a post
    // (findSent, and X's adoption of the post it refuses as a duplicate): a lookup must never
    // take one of them for this reply's post. Other channels never look, so skip the query.
    const prepare = async (reply: ReplyRow) => {
      const prepared = await outgoingReply(db, services, network, reply);
      if (!channel.findSent) return prepared;
      const since = earliestPostingTime({ createdAt: reply.created_at })!;
      const takenExternalIds = await findTakenExternalIds(db, reply, since);
      return { ...prepared, outgoing: { ...prepared.outgoing, takenExternalIds } };
    };
    const send: ReplySender = async (reply, options) => {
      const { credentials, outgoing } = await prepare(reply);
      return channel.send(credentials, outgoing, options);
    };
    const { findSent } = channel;
    if (findSent) {
      send.findSent = async (reply, options) => {
        const { credentials, outgoing } = await prepare(reply);
        return findSent.call(channel, credentials, outgoing, options);
      };
    }
    senders[network] = send;
  }
  return senders;
}

/** A stored reply as its channel takes it, with the credentials of the account that heard it. */
async function outgoingReply(
  db: Kysely<Database>,
  services: ChannelServices,
  network: Network,
  reply: ReplyRow,
): Promise<{ credentials: unknown; outgoing: OutgoingReply }> {
  const refuse = (why: string) => new ChannelSendError(why, { retryable: false });
  const heard = reply.in_reply_to_mention_id
    ? await findSendingAccount(db, reply.in_reply_to_mention_id)
    : undefined;
  if (!heard) throw refuse(`no ${network} account heard the mention this reply answers`);
  if (heard.removedAt || !heard.credentialsEncrypted)
    throw refuse(`the ${network} account "${heard.name}" was removed; connect it again`);
  let credentials: unknown;
  try {
    credentials = decryptCredentials(
      services.secretKey,
      heard.credentialsEncrypted,
      credentialsContext(heard.id),
    );
  } catch (error) {
    throw refuse(`cannot read the credentials of "${heard.name}": ${describeError(error)}`);
  }
  const outgoing: OutgoingReply = {
    idempotencyKey: reply.idempotency_key,
    text: reply.text,
    visibility: reply.visibility,
    createdAt: reply.created_at,
    inReplyTo: {
      externalId: heard.externalId,
      rootExternalId: heard.rootExternalId ?? undefined,
      author: {
        externalId: heard.authorExternalId,
        handle: heard.authorHandle,
        displayName: heard.authorDisplayName ?? undefined,
      },
      raw: heard.raw,
    },
  };
  return { credentials, outgoing };
}

/** What a hide or unhide did on the network (see OnNetwork in domain/moderation.ts). */
export type HideOutcome =
  | { onNetwork: 'hidden' | 'unhidden' | 'not_supported'; error: null }
  | { onNetwork: 'failed'; error: string };

/**
 * Hides (or shows again) a mention on its network through the connected, active account that
 * heard it, when that network's channel can hide. Never throws: a refusal is an outcome with the
 * network's reason, so it can never block or undo the change in Earshot.
 */
export async function hideOnNetwork(
  db: Kysely<Database>,
  services: ChannelServices,
  mentionId: string,
  hidden: boolean,
): Promise<HideOutcome> {
  const account = await findHidingAccount(db, mentionId);
  const channel = account && services.registry.get(account.network as Network)?.channel;
  if (!account?.credentialsEncrypted || !channel?.hide)
    return { onNetwork: 'not_supported', error: null };
  try {
    const credentials = decryptCredentials(
      services.secretKey,
      account.credentialsEncrypted,
      credentialsContext(account.id),
    );
    await channel.hide(credentials, { externalId: account.externalId, raw: account.raw }, hidden);
    return { onNetwork: hidden ? 'hidden' : 'unhidden', error: null };
  } catch (error) {
    return { onNetwork: 'failed', error: describeError(error) };
  }
}
