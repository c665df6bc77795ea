import type { Kysely } from 'kysely';
import { generateToken, hashToken } from '../../security/tokens.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import type { Database } from '../../store/schema.ts';
import {
  createApiToken as insertApiToken,
  revokeApiToken as markRevoked,
} from '../../store/sessions.repository.ts';
import { AppError } from '../app-error.ts';

/** Creates a personal API token for scripts; its secret is in the answer once and stored hashed. */
export async function createApiToken(db: Kysely<Database>, userId: string, name: string) {
  const token = generateToken('esk');
  const row = await insertApiToken(db, { userId, name, tokenHash: hashToken(token) });
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: null,
    revokedAt: null,
    token,
  };
}

/** Revokes one of the user's tokens; the access notice closes the event streams it had open. */
export async function revokeApiToken(
  db: Kysely<Database>,
  userId: string,
  tokenId: string,
  now: Date,
): Promise<void> {
  if (!(await markRevoked(db, userId, tokenId, now)))
    throw new AppError('token_not_found', 'no such token');
  await notifyChanges(db, [accessChangedNotice(userId)]);
}
