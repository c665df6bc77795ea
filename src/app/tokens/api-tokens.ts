import type { Kysely } from 'kysely';
import { roles, scopeAllowed, widestScope } from '../../domain/roles.ts';
import type { Role, TokenScope } from '../../domain/roles.ts';
import { generateToken, hashToken } from '../../security/tokens.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import type { Database } from '../../store/schema.ts';
import {
  createApiToken as insertApiToken,
  revokeApiToken as markRevoked,
} from '../../store/sessions.repository.ts';
import { listUserMemberships } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { recordAudit, recordForUser } from '../audit.ts';
import type { RequestOrigin } from '../use-case.ts';

/**
 * Creates a personal API token for scripts; its secret is in the answer once and stored hashed.
 * Its scope is never more than the creator's highest role; at each request it acts with the
 * lower of its scope and the creator's role in that workspace then.
 */
export async function createApiToken(
  db: Kysely<Database>,
  userId: string,
  token: { name: string; scope?: TokenScope | undefined; expiresAt: Date | null },
  now: Date,
  origin?: RequestOrigin,
) {
  if (token.expiresAt && token.expiresAt <= now)
    throw new AppError('validation_failed', 'expiresAt must be in the future');
  const highest = (await listUserMemberships(db, userId))
    .map((m) => m.role)
    .reduce<Role>((a, b) => (roles.indexOf(b) > roles.indexOf(a) ? b : a), 'viewer');
  const scope = token.scope ?? widestScope(highest);
  if (!scopeAllowed(highest, scope))
    throw new AppError(
      'forbidden',
      `a token cannot do more than you: the ${scope} scope needs a role you do not have`,
    );
  const secret = generateToken('esk');
  const row = await db.transaction().execute(async (tx) => {
    const inserted = await insertApiToken(tx, {
      userId,
      name: token.name,
      scope,
      expiresAt: token.expiresAt,
      tokenHash: hashToken(secret),
    });
    // The secret is never recorded: the token's name, scope and expiry are.
    await recordForUser(tx, userId, {
      kind: 'token.created',
      actor: { userId },
      target: { type: 'token', id: inserted.id },
      after: { name: inserted.name, scope: inserted.scope, expiresAt: inserted.expires_at },
      origin,
      at: now,
    });
    return inserted;
  });
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: null,
    token: secret,
  };
}

/**
 * Revokes a token: one of the caller's own, or (for an admin) any of a member of their workspace.
 * The access notice closes the event streams it had open.
 */
export async function revokeApiToken(
  db: Kysely<Database>,
  owner: { userId: string } | { workspaceId: string },
  tokenId: string,
  now: Date,
  by?: { userId: string; origin?: RequestOrigin | undefined },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const userId = await markRevoked(tx, tokenId, now, owner);
    if (!userId) throw new AppError('token_not_found', 'no such token');
    if (by) {
      const entry = {
        kind: 'token.revoked' as const,
        actor: { userId: by.userId },
        target: { type: 'token', id: tokenId },
        before: { owner: userId },
        origin: by.origin,
        at: now,
      };
      // An admin's revocation belongs to their workspace; one's own, to each of one's workspaces.
      if ('workspaceId' in owner)
        await recordAudit(tx, { ...entry, workspaceId: owner.workspaceId });
      else await recordForUser(tx, userId, entry);
    }
    await notifyChanges(tx, [accessChangedNotice(userId)]);
  });
}
