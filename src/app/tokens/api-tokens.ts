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
  const row = await insertApiToken(db, {
    userId,
    name: token.name,
    scope,
    expiresAt: token.expiresAt,
    tokenHash: hashToken(secret),
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
): Promise<void> {
  const userId = await markRevoked(db, tokenId, now, owner);
  if (!userId) throw new AppError('token_not_found', 'no such token');
  await notifyChanges(db, [accessChangedNotice(userId)]);
}
