import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

// A user's TOTP secret (encrypted by the caller), recovery codes (hashed) and sign-in challenges
// (hashed). Every "use once" below is one conditional UPDATE or DELETE, so two requests racing
// with the same code or challenge cannot both win, on one process or many.

export async function findTwoFactor(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('two_factor_credentials')
    .select(['secret_encrypted', 'enabled_at', 'last_used_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Stores a new secret awaiting its first code; false when two-factor sign-in is already on. */
export async function savePendingTwoFactor(
  db: Kysely<Database>,
  userId: string,
  secretEncrypted: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .insertInto('two_factor_credentials')
    .values({ user_id: userId, secret_encrypted: secretEncrypted, created_at: now })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret_encrypted: secretEncrypted, last_used_step: null })
        .where('two_factor_credentials.enabled_at', 'is', null),
    )
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records `step` as used, turning two-factor sign-in on when `enable` (the first code); false
 * when that step or a later one was used already (a replayed code) or the state is not the
 * expected one.
 */
export async function claimTwoFactorStep(
  db: Kysely<Database>,
  userId: string,
  step: number,
  options: { enable: Date } | { enable?: undefined },
): Promise<boolean> {
  let query = db
    .updateTable('two_factor_credentials')
    .set(
      options.enable
        ? { last_used_step: step, enabled_at: options.enable }
        : { last_used_step: step },
    )
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]));
  query = query.where('enabled_at', options.enable ? 'is' : 'is not', null);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceRecoveryCodes(
  db: Kysely<Database>,
  userId: string,
  codeHashes: string[],
): Promise<void> {
  await db.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('two_factor_recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Uses a recovery code; false when it is unknown or was used. */
export async function useRecoveryCode(
  db: Kysely<Database>,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('two_factor_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countRecoveryCodesLeft(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('two_factor_recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Turns two-factor sign-in off: secret, recovery codes and open challenges go. */
export async function deleteTwoFactor(db: Kysely<Database>, userId: string): Promise<boolean> {
  await db.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('two_factor_challenges').where('user_id', '=', userId).execute();
  const deleted = await db
    .deleteFrom('two_factor_credentials')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

export async function insertTwoFactorChallenge(
  db: Kysely<Database>,
  challenge: { tokenHash: string; userId: string; expiresAt: Date; now: Date },
): Promise<void> {
  // Expired challenges of anyone go on the way: they are a few rows at most.
  await db.deleteFrom('two_factor_challenges').where('expires_at', '<=', challenge.now).execute();
  await db
    .insertInto('two_factor_challenges')
    .values({
      token_hash: challenge.tokenHash,
      user_id: challenge.userId,
      expires_at: challenge.expiresAt,
    })
    .execute();
}

/** The live challenge with this hash and its (active) user. */
export async function findTwoFactorChallenge(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom('two_factor_challenges')
    .innerJoin('users', 'users.id', 'two_factor_challenges.user_id')
    .select(['users.id', 'users.email', 'users.name', 'two_factor_challenges.failed_attempts'])
    .where('two_factor_challenges.token_hash', '=', tokenHash)
    .where('two_factor_challenges.expires_at', '>', now)
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
}

/** Takes the challenge out of use; false when another request took it first. */
export async function consumeTwoFactorChallenge(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<boolean> {
  const deleted = await db
    .deleteFrom('two_factor_challenges')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** Counts a wrong code; the challenge ends after `maxFailures` of them. */
export async function failTwoFactorChallenge(
  db: Kysely<Database>,
  tokenHash: string,
  maxFailures: number,
): Promise<void> {
  await db
    .updateTable('two_factor_challenges')
    .set({ failed_attempts: sql<number>`failed_attempts + 1` })
    .where('token_hash', '=', tokenHash)
    .execute();
  await db
    .deleteFrom('two_factor_challenges')
    .where('token_hash', '=', tokenHash)
    .where('failed_attempts', '>=', maxFailures)
    .execute();
}

export async function setWorkspaceRequiresTwoFactor(
  db: Kysely<Database>,
  workspaceId: string,
  required: boolean,
): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ require_two_factor: required })
    .where('id', '=', workspaceId)
    .execute();
}

/** Members' access to a workspace (the query both look-ups below share). */
function workspaceAccess(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .leftJoin('two_factor_credentials', (join) =>
      join
        .onRef('two_factor_credentials.user_id', '=', 'memberships.user_id')
        .on('two_factor_credentials.enabled_at', 'is not', null),
    )
    .select([
      'memberships.role',
      'workspaces.require_two_factor as requireTwoFactor',
      'workspaces.sso_only as ssoOnly',
      sql<boolean>`two_factor_credentials.user_id is not null`.as('twoFactorEnabled'),
    ])
    .where('memberships.workspace_id', '=', workspaceId);
}

/**
 * A member's role in a workspace, with what the middleware needs to enforce the workspace's
 * two-factor and "SSO only" rules, in one query.
 */
export async function findWorkspaceAccess(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
) {
  return workspaceAccess(db, workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}

/** findWorkspaceAccess for many users at once, by user id (absent: not a member). */
export async function findWorkspaceAccessOfUsers(
  db: Kysely<Database>,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Map<string, WorkspaceAccess>> {
  if (userIds.length === 0) return new Map();
  const rows = await workspaceAccess(db, workspaceId)
    .select('memberships.user_id as userId')
    .where('memberships.user_id', 'in', [...userIds])
    .execute();
  return new Map(rows.map(({ userId, ...access }) => [userId, access]));
}

/** A member's access to a workspace: role, and the workspace's sign-in rules they must meet. */
export type WorkspaceAccess = NonNullable<Awaited<ReturnType<typeof findWorkspaceAccess>>>;

/** The user's workspaces for their session, each with its two-factor rule, and their own state. */
export async function findSessionAccess(db: Kysely<Database>, userId: string) {
  const [memberships, credential] = await Promise.all([
    db
      .selectFrom('memberships')
      .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
      .select([
        'workspaces.id as workspaceId',
        'workspaces.name as workspaceName',
        'memberships.role',
        'workspaces.require_two_factor as requireTwoFactor',
      ])
      .where('memberships.user_id', '=', userId)
      .orderBy('workspaces.name')
      .execute(),
    findTwoFactor(db, userId),
  ]);
  return { memberships, twoFactorEnabled: Boolean(credential?.enabled_at) };
}
