import type { Kysely } from 'kysely';
import { hashToken } from '../../security/tokens.ts';
import {
  findUsableInvitation,
  markInvitationAccepted,
} from '../../store/invitations.repository.ts';
import type { Database } from '../../store/schema.ts';
import { createUser, findUserByEmail, setPasswordHash } from '../../store/users.repository.ts';
import { upsertMembership } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestOrigin } from '../use-case.ts';

const expired = () =>
  new AppError(
    'link_expired',
    'this invitation was already used, revoked, has expired or is unknown: ask for a new one',
  );

/** What an invitation link is for, to show before the person sets a password. */
export async function describeInvitation(db: Kysely<Database>, token: string, now: Date) {
  const found = await findUsableInvitation(db, hashToken(token), now);
  if (!found) throw expired();
  return {
    email: found.email,
    name: found.name,
    role: found.role,
    workspaceName: found.workspaceName,
    expiresAt: found.expires_at.toISOString(),
  };
}

/**
 * Uses an invitation once: creates the account with the password its owner chose (or sets the
 * first password of an account that never had one) and makes them a member. An account that
 * already has a password is not taken over: its owner logs in instead.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  accepted: {
    token: string;
    name?: string | undefined;
    passwordHash: string;
    now: Date;
    origin?: RequestOrigin;
  },
) {
  return db.transaction().execute(async (tx) => {
    const invitation = await findUsableInvitation(tx, hashToken(accepted.token), accepted.now);
    if (!invitation || !(await markInvitationAccepted(tx, invitation.id, accepted.now)))
      throw expired();
    const existing = await findUserByEmail(tx, invitation.email);
    if (existing?.password_hash || existing?.deactivated_at)
      throw new AppError(
        'account_exists',
        `${invitation.email} already has an account: log in, and ask an admin to add you`,
      );
    const name = accepted.name ?? invitation.name ?? invitation.email.split('@')[0]!;
    const user = existing
      ? { id: existing.id, email: existing.email, name: existing.name }
      : await createUser(tx, {
          email: invitation.email,
          name,
          passwordHash: accepted.passwordHash,
        });
    if (existing) await setPasswordHash(tx, existing.id, accepted.passwordHash);
    await upsertMembership(tx, {
      workspaceId: invitation.workspace_id,
      userId: user.id,
      role: invitation.role,
    });
    await recordAudit(tx, {
      kind: 'invitation.accepted',
      workspaceId: invitation.workspace_id,
      actor: { userId: user.id, label: user.email },
      target: { type: 'invitation', id: invitation.id },
      after: { email: user.email, role: invitation.role },
      origin: accepted.origin,
      at: accepted.now,
    });
    return user;
  });
}
