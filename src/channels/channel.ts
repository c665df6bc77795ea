import type { ListeningTerms } from '../domain/listening.ts';
import type { Mention } from '../domain/mention.ts';
import type { Network } from '../domain/network.ts';
import type { HeardRepost } from '../domain/repost.ts';
import type { HandshakeAnswer, PushReceipt, PushedDelivery } from './push.ts';

/** A reply ready to leave Earshot: what the outbox hands a channel. */
export interface OutgoingReply {
  /** Stable for the life of the reply: a retry sends the same key, so a network that supports it never posts twice. */
  idempotencyKey: string;
  text: string;
  visibility: 'public' | 'private';
  /** When Earshot created the reply: nothing the network shows as older can be this reply. */
  createdAt?: Date;
  /**
   * Posts our other replies are already recorded as (same network, same time window): a lookup
   * (`findSent`) never adopts one of them, so two replies with the same text to the same post or
   * customer each stay their own.
   */
  takenExternalIds?: readonly string[];
  /** The mention being answered. */
  inReplyTo: Pick<Mention, 'externalId' | 'rootExternalId' | 'author' | 'raw'>;
}

/** How the outbox bounds one send: aborting the signal abandons the attempt's requests. */
export interface SendOptions {
  signal?: AbortSignal;
}

/** What a network said about a reply it accepted. */
export interface SentReply {
  externalId: string;
  url?: string;
}

/** Why a send failed, and whether trying again may help. */
export class ChannelSendError extends Error {
  readonly retryable: boolean;
  /** Seconds the network asked us to wait (Retry-After, rate-limit reset), when it said. */
  readonly retryAfterSeconds: number | undefined;
  /**
   * The network said the post being answered is gone (its author deleted it, or it is no longer
   * visible to the account): no attempt can succeed, and the outbox marks the post deleted.
   */
  readonly postGone: boolean;
  constructor(
    message: string,
    options: {
      retryable: boolean;
      retryAfterSeconds?: number;
      postGone?: boolean;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'ChannelSendError';
    this.retryable = options.retryable;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.postGone = options.postGone ?? false;
  }
}

/** A change the author made to a post we hold. */
export interface MentionChange {
  externalId: string;
  kind: 'deleted' | 'edited';
  at: Date;
  /** The new text, for edits. */
  text?: string;
}

/** One raw event from a network, with the cursor to store once it is safely ingested. */
export interface RawEvent {
  raw: unknown;
  /** Opaque position in the source; stored in the same transaction as the mentions it produced. */
  cursor?: string;
}

/** A running source of raw events (a stream, a poller, or a webhook receiver). */
export interface EventSource {
  /** Stops the source; resolves once no more events will be delivered. */
  close(): Promise<void>;
}

/** Whether a listening connection opened and heard from the network (`testListening`). */
export type ListeningCheck = { ok: true; detail: string } | { ok: false; error: string };

/** What a channel needs to start listening. */
export interface SourceOptions {
  /** Where to resume; undefined means "from now". */
  cursor: string | undefined;
  /** Called for each batch of raw events, in order; the source waits for it before going on. */
  onEvents(events: RawEvent[]): Promise<void>;
  /** A connection error; the runner restarts the source, and shows it once it lasts (~30 s). */
  onError(error: Error): void;
  /**
   * What the account listens for as it is now: its brand's terms first, then those of its
   * workspace's competitors (the runner reloads them within a minute of a change, without
   * restarting the source). Read on every poll or match; a post any of them matches is heard,
   * and intake gives it to the brand it names (a competitor's post is stored as theirs).
   */
  terms(): readonly ListeningTerms[];
  /**
   * The source heard from the network (a frame, a poll answer, a keep-alive), whether or not it
   * had anything to deliver. Cheap: may be called thousands of times a second. A source that
   * calls it once is expected to keep calling it: a minute without marks the account in error.
   */
  onAlive?(at: Date): void;
  /**
   * What the account heard before this source started (read from the database): a source that
   * keeps in memory which threads and authors concern the account starts from it, so a restart
   * does not forget them.
   */
  heardBefore?: HeardBefore;
}

/** What an account heard before, most recent first. */
export interface HeardBefore {
  /** Roots of the threads its brand posted in: replies anywhere in them concern it. */
  threadRoots: readonly string[];
  /** Authors of the posts it heard: their deletions and edits concern it. */
  authors: readonly string[];
}

/** What a shared source heard for each of its members, and how far it has read. */
export interface SharedBatch {
  heard: Array<{ memberId: string; events: RawEvent[] }>;
  /**
   * Position in the shared stream up to which every event is in this batch or an earlier one:
   * stored in the same transaction as the events (may come with no events at all).
   */
  cursor: string | undefined;
}

/** What a shared source (one stream for many accounts) needs to start. */
export interface SharedSourceOptions {
  /** Where to resume; undefined means "from now". */
  cursor: string | undefined;
  /** Called for each batch, in order; the source waits for it (retrying a failure) before going on. */
  onEvents(batch: SharedBatch): Promise<void>;
  /** Trouble with the stream; the source reconnects by itself. */
  onError(error: Error): void;
  /** The stream delivered a frame (called on every one, so it must be cheap). */
  onAlive?(at: Date): void;
}

/** One stream (a Bluesky relay) heard once for every account that joins it. */
export interface SharedSource<Credentials = unknown> extends EventSource {
  /** Starts hearing what concerns this account; throws when the account cannot listen. */
  join(
    memberId: string,
    credentials: Credentials,
    options: Pick<SourceOptions, 'terms' | 'heardBefore'>,
  ): Promise<void>;
  leave(memberId: string): void;
  /**
   * Starts reading the stream: called once the accounts known at start have joined, so none of
   * them misses what lies between the stored cursor and its joining. Later joins hear from then on.
   */
  start(): void;
}

/**
 * One network behind one interface. A channel never decides routing and never touches the
 * database: it turns the network's payloads into Mentions and sends replies.
 */
export interface Channel<Credentials = unknown> {
  readonly network: Network;
  /** Checks credentials with the network; resolves with the account they belong to. */
  validateCredentials(credentials: Credentials): Promise<{ accountId: string; handle: string }>;
  /** Starts delivering raw events. Webhook channels return undefined: their events arrive over HTTP. */
  listen?(credentials: Credentials, options: SourceOptions): Promise<EventSource>;
  /**
   * For networks where every account hears the same stream (a Bluesky relay): the stream these
   * credentials listen to. Accounts with the same key share one `listenShared` source, run by one
   * process at a time; undefined (or no `listenShared`) listens per account with `listen`.
   */
  sourceKey?(credentials: Credentials): string | undefined;
  listenShared?(key: string, options: SharedSourceOptions): Promise<SharedSource<Credentials>>;
  /**
   * For networks that push (webhooks): checks a delivery to the account's address — its
   * signature with the account's secret, then that each entry is for this account (another
   * account's are kept as rejected records) — and normalizes it. Pure; the caller stores it.
   */
  receive?(credentials: Credentials, delivery: PushedDelivery, now: Date): PushReceipt;
  /**
   * A push subscription's handshake at the account's address (Meta's hub.challenge); undefined
   * when the account cannot be subscribed to.
   */
  answerHandshake?(
    credentials: Credentials,
    query: Record<string, string | undefined>,
  ): HandshakeAnswer | undefined;
  /**
   * For `earshot channel test`: opens the listening connection briefly (until it hears from the
   * network, fails, or `signal` aborts after a few seconds) and says whether it works. Nothing it
   * hears is kept. Networks without it are checked on their credentials only.
   */
  testListening?(credentials: Credentials, signal: AbortSignal): Promise<ListeningCheck>;
  /** Raw payload → Mentions (pure; may return several, or none for events that are not mentions). */
  normalize(raw: unknown): Mention[];
  /**
   * Raw payload → the deletions and edits it reports (pure, like normalize; none for most
   * payloads). Intake applies them to the posts it holds and ignores the rest.
   */
  changes?(raw: unknown): MentionChange[];
  /**
   * Raw payload → the reposts of the brand's own posts it reports (pure; none for most
   * payloads). Intake keeps them as share records, not mentions.
   */
  reposts?(raw: unknown): HeardRepost[];
  /**
   * For networks whose posts do not carry the author's display name (Bluesky): reads the
   * author's public profile. Intake calls it after storing, never waiting on it, and caches the
   * name (and when the account was created, if the profile says) on the author's identity for a
   * day. `displayName` is undefined when the author set none;
   * throws when it cannot tell (the stored name, if any, then stays).
   */
  fetchAuthorProfile?(
    credentials: Credentials,
    authorExternalId: string,
    signal: AbortSignal,
  ): Promise<{ displayName: string | undefined; accountCreatedAt?: Date | undefined }>;
  /** Posts a reply on the network, abandoning its requests when `signal` aborts. Throws ChannelSendError. */
  send(credentials: Credentials, reply: OutgoingReply, options?: SendOptions): Promise<SentReply>;
  /**
   * For networks that take no idempotency key: looks on the network for a reply this account
   * already posted for `reply` (same parent, our account as author, same text, no older than the
   * reply), so a retry after an ambiguous failure (no answer, a 5xx, a worker that died
   * mid-send) adopts that post instead of posting a second copy. Looks at one bounded page of
   * recent posts; resolves undefined when none matches. Throws ChannelSendError when it cannot
   * tell, and the outbox then retries later rather than risk a duplicate.
   */
  findSent?(
    credentials: Credentials,
    reply: OutgoingReply,
    options?: SendOptions,
  ): Promise<SentReply | undefined>;
  /**
   * Hides (or shows again) a customer's post on the network, for networks that let the account
   * owner do so; never deletes. Throws ChannelSendError with the network's reason.
   */
  hide?(credentials: Credentials, mention: HideTarget, hidden: boolean): Promise<void>;
}

/**
 * The oldest time a lookup for `reply` accepts: its creation, less a margin for the network's
 * clock running behind ours.
 */
export function earliestPostingTime(reply: Pick<OutgoingReply, 'createdAt'>): Date | undefined {
  return reply.createdAt && new Date(reply.createdAt.getTime() - clockSkewMarginMs);
}

const clockSkewMarginMs = 5 * 60_000;

/** The stored mention a hide acts on. */
type HideTarget = Pick<Mention, 'externalId' | 'raw'>;
