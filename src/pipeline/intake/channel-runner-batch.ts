import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Channel, MentionChange, RawEvent, SharedBatch } from '../../channels/channel.ts';
import type { HeardRepost } from '../../domain/repost.ts';
import type { Mention } from '../../domain/mention.ts';
import { saveChannelCursor } from '../../store/channel-accounts.repository.ts';
import type { RunnableChannelAccount } from '../../store/channel-accounts.repository.ts';
import { saveSharedSourceCursor } from '../../store/shared-source-cursors.repository.ts';
import { insertRejectedRecords } from '../../store/rejected-records.repository.ts';
import type { NewRejectedRecord } from '../../store/rejected-records.repository.ts';
import type { Database } from '../../store/schema.ts';
import { storableText } from '../../store/storable-text.ts';
import { insertReposts } from '../../store/reposts.repository.ts';
import { brandsOfHeard } from '../../domain/brand-pick.ts';
import { noTerms } from '../../domain/listening.ts';
import { loadBrandHearing } from '../../store/brands.repository.ts';
import { applyMentionChanges } from './apply-mention-changes.ts';
import { ingestMentions } from './ingest.ts';
import type { Assess } from './ingest.ts';

/** What of a channel reads what a source heard. */
type HeardBy = Pick<Channel, 'normalize' | 'changes' | 'reposts'>;

/** The account a batch was heard on. */
type HeardOn = Pick<RunnableChannelAccount, 'id' | 'workspaceId' | 'brandId' | 'network'>;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function payloadText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/**
 * A payload an account could not read, as a rejected record. The payload's hash tells records
 * apart and keeps a redelivered one from being stored twice.
 */
export function rejectedPayload(account: HeardOn, raw: unknown, reason: string): NewRejectedRecord {
  const payload = storableText(payloadText(raw));
  const digest = createHash('sha256').update(payload).digest('hex').slice(0, 16);
  return { source: `${account.network}:${account.id}:${digest}`, line: null, reason, payload };
}

/**
 * Stores what an account heard in one transaction: the mentions (one ingest per network), then
 * the deletions and edits authors made to posts we hold (so a post created and deleted in one
 * batch ends deleted), the rejected records, and the source's cursor with the time of the last
 * event. Nothing is acknowledged to the source before this commits.
 */
export async function storeHeard(
  db: Kysely<Database>,
  account: HeardOn,
  heard: {
    mentions: Mention[];
    rejected: NewRejectedRecord[];
    cursor?: string | undefined;
    changes?: MentionChange[];
    reposts?: HeardRepost[];
  },
  now: Date,
  assess?: Assess,
  /** Runs last in the transaction; throwing rolls the batch back (the channel lock is gone). */
  guard?: (tx: Kysely<Database>) => Promise<void>,
): Promise<{ stored: number; duplicates: number; rejected: number }> {
  return db.transaction().execute(async (tx) => {
    const outcome = await storeHeardIn(tx, account, heard, now, assess);
    await guard?.(tx);
    return outcome;
  });
}

type Heard = Parameters<typeof storeHeard>[2];

/**
 * The heard mentions by network and brand, in the order first heard: a post naming only one of
 * the workspace's competitors goes to that competitor (domain/brand-pick.ts).
 */
async function groupsToIngest(
  tx: Kysely<Database>,
  account: HeardOn,
  mentions: readonly Mention[],
): Promise<Array<{ brandId: string; isCompetitor: boolean; mentions: Mention[] }>> {
  if (mentions.length === 0) return [];
  const [own, ...competitors] = (await loadBrandHearing(tx, [account.brandId])).get(
    account.brandId,
  ) ?? [{ ...noTerms, id: account.brandId, name: '', isCompetitor: false }];
  const brands = brandsOfHeard(mentions, own!, competitors);
  const groups = new Map<string, { brandId: string; isCompetitor: boolean; mentions: Mention[] }>();
  mentions.forEach((mention, index) => {
    const brandId = brands[index]!;
    const key = `${mention.network} ${brandId}`;
    const group = groups.get(key) ?? {
      brandId,
      isCompetitor: brandId === own!.id ? own!.isCompetitor : true,
      mentions: [],
    };
    group.mentions.push(mention);
    groups.set(key, group);
  });
  return [...groups.values()];
}

/** storeHeard's work inside a transaction the caller holds. */
async function storeHeardIn(
  tx: Kysely<Database>,
  account: HeardOn,
  heard: Heard,
  now: Date,
  assess?: Assess,
): Promise<{ stored: number; duplicates: number; rejected: number }> {
  let stored = 0;
  let duplicates = 0;
  for (const group of await groupsToIngest(tx, account, heard.mentions)) {
    const summary = await ingestMentions(
      tx,
      {
        workspaceId: account.workspaceId,
        brandId: group.brandId,
        isCompetitor: group.isCompetitor,
        channelAccountId: account.id,
        mentions: group.mentions,
      },
      now,
      assess,
    );
    stored += summary.stored;
    duplicates += summary.duplicates;
  }
  await applyMentionChanges(
    tx,
    { workspaceId: account.workspaceId, network: account.network },
    heard.changes ?? [],
  );
  // Reposts of the brand's posts: share records for campaigns, not mentions (ADR 0010).
  await insertReposts(
    tx,
    {
      workspaceId: account.workspaceId,
      brandId: account.brandId,
      channelAccountId: account.id,
      network: account.network,
    },
    heard.reposts ?? [],
    now,
  );
  await insertRejectedRecords(tx, account.workspaceId, account.id, heard.rejected);
  await saveChannelCursor(tx, account.id, heard.cursor, now);
  return { stored, duplicates, rejected: heard.rejected.length };
}

/** A source's events → the mentions and changes they report, and what could not be read. */
function normalizeEvents(
  account: HeardOn,
  channel: HeardBy,
  events: RawEvent[],
): {
  mentions: Mention[];
  rejected: NewRejectedRecord[];
  changes: MentionChange[];
  reposts: HeardRepost[];
} {
  const mentions: Mention[] = [];
  const rejected: NewRejectedRecord[] = [];
  const changes: MentionChange[] = [];
  const reposts: HeardRepost[] = [];
  for (const event of events) {
    try {
      const normalized = channel.normalize(event.raw);
      changes.push(...(channel.changes?.(event.raw) ?? []));
      reposts.push(...(channel.reposts?.(event.raw) ?? []));
      mentions.push(...normalized);
    } catch (error) {
      rejected.push(rejectedPayload(account, event.raw, message(error)));
    }
  }
  return { mentions, rejected, changes, reposts };
}

/**
 * Stores one batch of a shared source (one stream heard for many accounts) in one transaction:
 * each member account's mentions, changes and rejected records as storeChannelBatch would, then
 * the source's cursor, then the guard (the source's lease). Members no longer in `members`
 * (removed since) are skipped. A crash before commit replays the batch from the old cursor.
 */
export async function storeSharedBatch(
  db: Kysely<Database>,
  sourceKey: string,
  members: ReadonlyMap<string, HeardOn>,
  channel: HeardBy,
  batch: SharedBatch,
  now: Date,
  assess?: Assess,
  guard?: (tx: Kysely<Database>) => Promise<void>,
): Promise<{ stored: number; rejected: number; authors: Map<string, string[]> }> {
  return db.transaction().execute(async (tx) => {
    let stored = 0;
    let rejected = 0;
    const authors = new Map<string, string[]>();
    for (const { memberId, events } of batch.heard) {
      const account = members.get(memberId);
      if (!account || events.length === 0) continue;
      const heard = normalizeEvents(account, channel, events);
      const cursor = events.findLast((event) => event.cursor !== undefined)?.cursor;
      const outcome = await storeHeardIn(tx, account, { ...heard, cursor }, now, assess);
      stored += outcome.stored;
      rejected += outcome.rejected;
      authors.set(memberId, customerAuthors(heard.mentions, heard.reposts));
    }
    if (batch.cursor !== undefined) await saveSharedSourceCursor(tx, sourceKey, batch.cursor, now);
    await guard?.(tx);
    return { stored, rejected, authors };
  });
}

/** The authors of the customers' posts and reposts among these (not the brand's own). */
function customerAuthors(
  mentions: readonly Mention[],
  reposts: readonly HeardRepost[] = [],
): string[] {
  return [
    ...new Set([
      ...mentions
        .filter((mention) => !mention.fromBrand)
        .map((mention) => mention.author.externalId),
      ...reposts.map((repost) => repost.author.externalId),
    ]),
  ];
}

/**
 * Stores one batch from a source in one transaction: the mentions it normalizes to, the
 * deletions and edits it reports (`changes`), what could not be normalized (as rejected records with the reason), and the source's cursor. A crash
 * before commit replays the batch from the old cursor; ingest dedupes what was stored.
 */
export async function storeChannelBatch(
  db: Kysely<Database>,
  account: HeardOn,
  channel: HeardBy,
  events: RawEvent[],
  now: Date,
  assess?: Assess,
  guard?: (tx: Kysely<Database>) => Promise<void>,
): Promise<{ stored: number; rejected: number; authors: string[] }> {
  const { mentions, rejected, changes, reposts } = normalizeEvents(account, channel, events);
  const cursor = events.findLast((event) => event.cursor !== undefined)?.cursor;
  const outcome = await storeHeard(
    db,
    account,
    { mentions, rejected, cursor, changes, reposts },
    now,
    assess,
    guard,
  );
  return {
    stored: outcome.stored,
    rejected: outcome.rejected,
    authors: customerAuthors(mentions, reposts),
  };
}
