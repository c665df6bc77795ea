import { sql } from 'kysely';
import type { ColumnType, Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

/** Columns added by migrations/0002-channel-accounts.ts (until schema.ts lists them). */
interface ChannelAccountExtraColumns {
  removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  account_handle: string | null;
}

function withExtras(db: Kysely<Database>) {
  return db.withTables<{ channel_accounts: ChannelAccountExtraColumns }>();
}

type ChannelStatus = 'active' | 'paused' | 'error';

/** Told (with the account's id) when an account is connected, paused, resumed, checked or removed. */
export const channelAccountsChannel = 'earshot_channel_accounts';

/** Wakes the channel runners of every process, so a change is acted on now, not at the next poll. */
export async function notifyAccountChanged(db: Kysely<Database>, accountId: string): Promise<void> {
  await sql`select pg_notify(${channelAccountsChannel}, ${accountId})`.execute(db);
}

/** What the API and CLI may show: never the credentials. */
export const publicColumns = [
  'id',
  'brand_id as brandId',
  'network',
  'name',
  'account_handle as handle',
  'simulated',
  'status',
  'last_event_at as lastEventAt',
  'last_error as lastError',
  'last_error_at as lastErrorAt',
  'last_heard_at as lastHeardAt',
  'created_at as createdAt',
] as const;

export async function listChannelAccounts(db: Kysely<Database>, workspaceId: string) {
  return withExtras(db)
    .selectFrom('channel_accounts')
    .select(publicColumns)
    .where('workspace_id', '=', workspaceId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type ChannelAccountView = Awaited<ReturnType<typeof listChannelAccounts>>[number];

export async function findChannelAccount(
  db: Kysely<Database>,
  workspaceId: string,
  accountId: string,
) {
  return withExtras(db)
    .selectFrom('channel_accounts')
    .select([
      ...publicColumns,
      'credentials_encrypted as credentialsEncrypted',
      'account_external_id as externalId',
      'removed_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
}

interface NewChannelAccount {
  id?: string;
  workspaceId: string;
  brandId: string;
  network: string;
  name: string;
  handle: string | null;
  /** The network's id for the account (validateCredentials' accountId). */
  externalId?: string | null;
  credentialsEncrypted: string;
}

export async function insertChannelAccount(db: Kysely<Database>, account: NewChannelAccount) {
  const inserted = await withExtras(db)
    .insertInto('channel_accounts')
    .values({
      id: account.id ?? newId(),
      workspace_id: account.workspaceId,
      brand_id: account.brandId,
      network: account.network,
      name: account.name,
      account_handle: account.handle,
      account_external_id: account.externalId ?? null,
      credentials_encrypted: account.credentialsEncrypted,
    })
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
  await notifyAccountChanged(db, inserted.id);
  return inserted;
}

/** Pause or resume; an account in error is resumed as active (the runner tries it again). */
export async function setChannelStatus(
  db: Kysely<Database>,
  workspaceId: string,
  accountId: string,
  status: ChannelStatus,
  now: Date,
) {
  const updated = await withExtras(db)
    .updateTable('channel_accounts')
    .set({ status, listening_failed_at: null, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .where('removed_at', 'is', null)
    .returning(publicColumns)
    .executeTakeFirst();
  if (updated) await notifyAccountChanged(db, accountId);
  return updated;
}

/** The outcome of checking credentials with the network: clears or records the error. */
export async function recordChannelCheck(
  db: Kysely<Database>,
  accountId: string,
  /** A null handle keeps the one stored. */
  outcome: { handle: string | null } | { error: string },
  now: Date,
) {
  const ok = 'handle' in outcome;
  const updated = await withExtras(db)
    .updateTable('channel_accounts')
    .set((eb) => ({
      account_handle: ok && outcome.handle !== null ? outcome.handle : eb.ref('account_handle'),
      last_error: ok ? null : outcome.error,
      last_error_at: ok ? null : now,
      // Either way the account is no longer in error only for its source: a refused check stops it.
      listening_failed_at: null,
      // A failed check stops an active account; a good one brings an account in error back.
      status: ok
        ? eb
            .case()
            .when('status', '=', 'error')
            .then('active')
            .else(eb.ref('status'))
            .end()
            .$castTo<ChannelStatus>()
        : eb
            .case()
            .when('status', '=', 'active')
            .then('error')
            .else(eb.ref('status'))
            .end()
            .$castTo<ChannelStatus>(),
      updated_at: now,
    }))
    .where('id', '=', accountId)
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
  await notifyAccountChanged(db, accountId);
  return updated;
}

/**
 * Removes softly: the account disappears from lists and sources, its credentials are wiped, and
 * the mentions it heard stay. Returns false when the workspace has no such account at all.
 */
export async function removeChannelAccount(
  db: Kysely<Database>,
  workspaceId: string,
  accountId: string,
  now: Date,
): Promise<boolean> {
  const row = await withExtras(db)
    .updateTable('channel_accounts')
    .set((eb) => ({
      removed_at: eb.fn.coalesce('removed_at', eb.val(now)),
      credentials_encrypted: null,
      status: 'paused',
      updated_at: now,
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .returning('id')
    .executeTakeFirst();
  if (row) await notifyAccountChanged(db, accountId);
  return row !== undefined;
}

/** Every account a runner should be listening to, across workspaces (or just the one named). */
export async function listRunnableChannelAccounts(
  db: Kysely<Database>,
  filter: { networks: readonly string[]; accountId?: string },
) {
  if (filter.networks.length === 0) return [];
  let query = withExtras(db)
    .selectFrom('channel_accounts')
    .select([
      'id',
      'workspace_id as workspaceId',
      'brand_id as brandId',
      'network',
      'name',
      'cursor',
      'credentials_encrypted as credentialsEncrypted',
      'listening_failed_at as listeningFailedAt',
    ])
    // An account the health monitor put in error is still listened to: it recovers by itself.
    .where((eb) =>
      eb.or([
        eb('status', '=', 'active'),
        eb.and([eb('status', '=', 'error'), eb('listening_failed_at', 'is not', null)]),
      ]),
    )
    .where('simulated', '=', false)
    .where('removed_at', 'is', null)
    .where('credentials_encrypted', 'is not', null)
    .where('network', 'in', filter.networks);
  if (filter.accountId) query = query.where('id', '=', filter.accountId);
  return query.orderBy('id').execute();
}

export type RunnableChannelAccount = Awaited<
  ReturnType<typeof listRunnableChannelAccounts>
>[number];

/** Where the source got to; written in the same transaction as the mentions it produced. */
export async function saveChannelCursor(
  db: Kysely<Database>,
  accountId: string,
  cursor: string | undefined,
  lastEventAt: Date,
): Promise<void> {
  await db
    .updateTable('channel_accounts')
    .set((eb) => ({
      cursor: cursor ?? eb.ref('cursor'),
      last_event_at: lastEventAt,
    }))
    .where('id', '=', accountId)
    .execute();
}

/** A source failed; `stop` also takes the account out of the runners until someone fixes it. */
export async function recordChannelError(
  db: Kysely<Database>,
  accountId: string,
  error: string,
  now: Date,
  stop = false,
): Promise<void> {
  await db
    .updateTable('channel_accounts')
    .set({ last_error: error, last_error_at: now, ...(stop ? { status: 'error' as const } : {}) })
    .where('id', '=', accountId)
    .execute();
}

/** The stored credentials of the account that heard a mention, for sending a reply to it. */
export async function findSendingAccount(db: Kysely<Database>, mentionId: string) {
  return withExtras(db)
    .selectFrom('mentions')
    .innerJoin('channel_accounts', 'channel_accounts.id', 'mentions.channel_account_id')
    .select([
      'channel_accounts.id',
      'channel_accounts.network',
      'channel_accounts.name',
      'channel_accounts.credentials_encrypted as credentialsEncrypted',
      'channel_accounts.removed_at as removedAt',
      'mentions.external_id as externalId',
      'mentions.root_external_id as rootExternalId',
      'mentions.author_external_id as authorExternalId',
      'mentions.author_handle as authorHandle',
      'mentions.author_display_name as authorDisplayName',
      'mentions.raw',
    ])
    .where('mentions.id', '=', mentionId)
    .executeTakeFirst();
}

/**
 * The account a pushed delivery (webhook, Meta) is addressed to, in whichever workspace it is:
 * the caller is not logged in, so the signature made with these credentials is the only proof.
 */
export async function findHookAccount(db: Kysely<Database>, accountId: string) {
  return withExtras(db)
    .selectFrom('channel_accounts')
    .select([
      'id',
      'workspace_id as workspaceId',
      'brand_id as brandId',
      'network',
      'status',
      'simulated',
      'removed_at as removedAt',
      'credentials_encrypted as credentialsEncrypted',
    ])
    .where('id', '=', accountId)
    .executeTakeFirst();
}
