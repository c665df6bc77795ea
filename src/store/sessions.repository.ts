import { sql, type Kysely } from 'kysely';
import type { TokenScope } from '../domain/roles.ts';
import { newId } from './ids.ts';
import type { Database, SignInMethod } from './schema.ts';

// Only hashes of session and API tokens are stored: a leaked database backup opens no accounts.

export async function createSession(
  db: Kysely<Database>,
  session: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    /** When it starts being used (the idle clock); the database's now when not given. */
    now?: Date;
    userAgent?: string | undefined;
    signedInWith?: SignInMethod;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
      last_seen_at: session.now,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
      signed_in_with: session.signedInWith ?? 'password',
    })
    .execute();
}

/**
 * Sessions and their users, unless expired, unused for `idleMs`, or their user deactivated (the
 * query the look-ups below share).
 */
function liveSessions(db: Kysely<Database>, now: Date, idleMs: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.csrf_token as csrfToken',
      'sessions.last_seen_at as lastSeenAt',
      'sessions.signed_in_with as signedInWith',
      'users.id',
      'users.email',
      'users.name',
    ])
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>', new Date(now.getTime() - idleMs))
    .where('users.deactivated_at', 'is', null);
}

/** The session with this hash and its user, if live (see liveSessions). */
function liveSession(db: Kysely<Database>, tokenHash: string, now: Date, idleMs: number) {
  return liveSessions(db, now, idleMs).where('sessions.token_hash', '=', tokenHash);
}

/** Of these session hashes, the ones still live: one query for many open event streams. */
export async function findLiveSessionHashes(
  db: Kysely<Database>,
  tokenHashes: readonly string[],
  now: Date,
  idleMs: number,
): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await liveSessions(db, now, idleMs)
    .select('sessions.token_hash as tokenHash')
    .where('sessions.token_hash', 'in', [...tokenHashes])
    .execute();
  return new Set(rows.map((row) => row.tokenHash));
}

/** The live session with this hash and its user (see liveSession). */
export async function findLiveSession(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
  idleMs: number,
) {
  return liveSession(db, tokenHash, now, idleMs).executeTakeFirst();
}

/**
 * findLiveSession and, in the same round trip, the user's access to one workspace (as
 * findWorkspaceAccess reads it; `access` undefined when they are no member): what a workspace
 * route needs before it runs, in one query instead of two.
 */
export async function findLiveSessionInWorkspace(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
  idleMs: number,
  workspaceId: string,
) {
  const row = await liveSession(db, tokenHash, now, idleMs)
    .leftJoin('memberships', (join) =>
      join
        .onRef('memberships.user_id', '=', 'sessions.user_id')
        .on('memberships.workspace_id', '=', workspaceId),
    )
    .leftJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select([
      'memberships.role',
      'workspaces.require_two_factor as requireTwoFactor',
      'workspaces.sso_only as ssoOnly',
      sql<boolean>`exists (select 1 from two_factor_credentials t
        where t.user_id = sessions.user_id and t.enabled_at is not null)`.as('twoFactorEnabled'),
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  const { role, requireTwoFactor, ssoOnly, twoFactorEnabled, ...session } = row;
  return {
    ...session,
    access:
      role !== null && requireTwoFactor !== null && ssoOnly !== null
        ? { role, requireTwoFactor, ssoOnly, twoFactorEnabled }
        : undefined,
  };
}

export async function touchSession(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** A user's sessions still alive, newest use first (ids, never secrets). */
export async function listUserSessions(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  idleMs: number,
) {
  return db
    .selectFrom('sessions')
    .select(['id', 'token_hash', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - idleMs))
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Ends one of the user's sessions by its id; false when they have none with that id. */
export async function deleteUserSession(
  db: Kysely<Database>,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends every session of a user, except the one with `keepTokenHash` when given. */
export async function deleteUserSessions(
  db: Kysely<Database>,
  userId: string,
  keepTokenHash?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) query = query.where('token_hash', '<>', keepTokenHash);
  await query.execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Deletes sessions past their lifetime, and those unused for `idleMs` when given. */
export async function deleteExpiredSessions(
  db: Kysely<Database>,
  now: Date,
  idleMs?: number,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) =>
      idleMs === undefined
        ? eb('expires_at', '<=', now)
        : eb.or([
            eb('expires_at', '<=', now),
            eb('last_seen_at', '<=', new Date(now.getTime() - idleMs)),
          ]),
    )
    .execute();
}

export async function createApiToken(
  db: Kysely<Database>,
  token: {
    userId: string;
    name: string;
    tokenHash: string;
    scope: TokenScope;
    expiresAt: Date | null;
  },
) {
  return db
    .insertInto('api_tokens')
    .values({
      id: newId(),
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      scope: token.scope,
      expires_at: token.expiresAt,
    })
    .returning(['id', 'name', 'scope', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** API tokens and their users, unless revoked, expired, or their user deactivated. */
function liveApiTokens(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as tokenId',
      'api_tokens.scope',
      'users.id',
      'users.email',
      'users.name',
    ])
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]),
    )
    .where('users.deactivated_at', 'is', null);
}

/** The token with this hash and its user, unless revoked, expired, or its user deactivated. */
export async function findLiveApiToken(db: Kysely<Database>, tokenHash: string, now: Date) {
  return liveApiTokens(db, now).where('api_tokens.token_hash', '=', tokenHash).executeTakeFirst();
}

/** Of these API token hashes, the ones still live: one query for many open event streams. */
export async function findLiveApiTokenHashes(
  db: Kysely<Database>,
  tokenHashes: readonly string[],
  now: Date,
): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await liveApiTokens(db, now)
    .select('api_tokens.token_hash as tokenHash')
    .where('api_tokens.token_hash', 'in', [...tokenHashes])
    .execute();
  return new Set(rows.map((row) => row.tokenHash));
}

export async function touchApiToken(
  db: Kysely<Database>,
  tokenId: string,
  now: Date,
): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}

const tokenColumns = [
  'api_tokens.id',
  'api_tokens.name',
  'api_tokens.scope',
  'api_tokens.created_at',
  'api_tokens.last_used_at',
  'api_tokens.expires_at',
  'api_tokens.revoked_at',
] as const;

export async function listApiTokens(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(tokenColumns)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The tokens of every member of a workspace, with whose they are (never their secrets). */
export async function listWorkspaceApiTokens(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('memberships', 'memberships.user_id', 'api_tokens.user_id')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...tokenColumns, 'users.id as userId', 'users.email', 'users.name as userName'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('api_tokens.created_at', 'desc')
    .execute();
}

/** Revokes a token if it is live; the owner's id when it was, undefined otherwise. */
export async function revokeApiToken(
  db: Kysely<Database>,
  tokenId: string,
  now: Date,
  owner: { userId: string } | { workspaceId: string },
): Promise<string | undefined> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null);
  query =
    'userId' in owner
      ? query.where('user_id', '=', owner.userId)
      : query.where('user_id', 'in', (eb) =>
          eb
            .selectFrom('memberships')
            .select('user_id')
            .where('workspace_id', '=', owner.workspaceId),
        );
  const row = await query.returning('user_id').executeTakeFirst();
  return row?.user_id;
}

/** Revokes every live token of a user (offboarding). */
export async function revokeUserApiTokens(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
