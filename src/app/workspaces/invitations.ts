import type { Role } from '../../domain/roles.ts';
import { generateToken, hashToken } from '../../security/tokens.ts';
import {
  insertInvitation,
  markInvitationRevoked,
  revokePendingInvitationsFor,
} from '../../store/invitations.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

/** How long an invitation link works unless said otherwise. */
export const defaultInvitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites someone to the workspace: a one-time secret (only its hash is kept) that lets them set
 * their own password. An earlier pending invitation of the same email here stops working.
 */
export async function createInvitation(
  context: UseCaseContext,
  invitation: { email: string; name: string | null; role: Role; lifetimeMs: number },
) {
  const token = generateToken('esi');
  const expiresAt = new Date(context.now.getTime() + invitation.lifetimeMs);
  const row = await context.store.db.transaction().execute(async (tx) => {
    await revokePendingInvitationsFor(tx, context.workspaceId, invitation.email, context.now);
    const inserted = await insertInvitation(tx, {
      workspaceId: context.workspaceId,
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      tokenHash: hashToken(token),
      invitedBy: context.userId,
      expiresAt,
    });
    // The link's secret is never recorded: only who was invited, with which role, until when.
    await recordChange(tx, context, {
      kind: 'invitation.created',
      target: { type: 'invitation', id: inserted.id },
      after: { email: inserted.email, role: inserted.role, expiresAt: inserted.expires_at },
    });
    return inserted;
  });
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    token,
  };
}

export async function revokeInvitation(
  context: UseCaseContext,
  invitationId: string,
): Promise<void> {
  await context.store.db.transaction().execute(async (tx) => {
    const revoked = await markInvitationRevoked(tx, context.workspaceId, invitationId, context.now);
    if (!revoked) throw new AppError('invitation_not_found', 'no such pending invitation');
    await recordChange(tx, context, {
      kind: 'invitation.revoked',
      target: { type: 'invitation', id: invitationId },
      before: { email: revoked.email, role: revoked.role },
    });
  });
}
