import type { Kysely } from 'kysely';
import { withoutSecrets } from '../domain/audit.ts';
import type { AuditKind, AuditSnapshot } from '../domain/audit.ts';
import { appendAuditEntry } from '../store/audit/audit-log.repository.ts';
import { listUserMemberships } from '../store/workspaces.repository.ts';
import type { Database } from '../store/schema.ts';
import type { RequestOrigin, UseCaseContext } from './use-case.ts';

/** What changed: its kind, what it changed, and the state before and after (no secrets). */
export interface AuditChange {
  kind: AuditKind;
  target?: { type: string; id: string } | null;
  before?: AuditSnapshot | null;
  after?: AuditSnapshot | null;
}

/** A change with who made it, where from and when. */
export interface AuditEntry extends AuditChange {
  /** Null for instance-wide events (a failed sign-in for an unknown address). */
  workspaceId: string | null;
  /** The user acting (null when nobody is known); the label defaults to their email. */
  actor: { userId: string | null; tokenId?: string | null; label?: string | null };
  origin?: RequestOrigin | undefined;
  at: Date;
}

/**
 * Appends one entry to the audit log on `db`, which must be the transaction of the change it
 * records: the entry exists exactly when the change does. Before/after pass through
 * `withoutSecrets`, so a secret's value never lands in the log even if a caller forgot one.
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await appendAuditEntry(db, {
    workspaceId: entry.workspaceId,
    actorUserId: entry.actor.userId,
    actorTokenId: entry.actor.tokenId ?? entry.origin?.tokenId ?? null,
    actorLabel: entry.actor.label ?? null,
    kind: entry.kind,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    before: entry.before ? withoutSecrets(entry.before) : null,
    after: entry.after ? withoutSecrets(entry.after) : null,
    ipAddress: entry.origin?.ip ?? null,
    userAgent: entry.origin?.userAgent ?? null,
    createdAt: entry.at,
  });
}

/** Records a change made by the use case's acting member, in its workspace, at its moment. */
export function recordChange(
  db: Kysely<Database>,
  context: UseCaseContext,
  change: AuditChange,
): Promise<void> {
  return recordAudit(db, {
    ...change,
    workspaceId: context.workspaceId,
    actor: { userId: context.userId },
    origin: context.origin,
    at: context.now,
  });
}

/**
 * Records a change to a user's own access (a sign-in, a password, a token): one entry in each
 * workspace they belong to, so each workspace's admins see it, or one instance-wide entry when
 * they belong to none.
 */
export async function recordForUser(
  db: Kysely<Database>,
  userId: string,
  entry: Omit<AuditEntry, 'workspaceId'>,
): Promise<void> {
  const memberships = await listUserMemberships(db, userId);
  const workspaceIds = memberships.length ? memberships.map((m) => m.workspaceId) : [null];
  for (const workspaceId of workspaceIds) await recordAudit(db, { ...entry, workspaceId });
}
