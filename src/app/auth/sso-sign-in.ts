import type { Kysely } from 'kysely';
import { markInvitationAccepted } from '../../store/invitations.repository.ts';
import type { Database } from '../../store/schema.ts';
import { listPendingInvitationsForEmail } from '../../store/single-sign-on.repository.ts';
import { createUser, findUserByEmail } from '../../store/users.repository.ts';
import { findMembership, upsertMembership } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import type { SsoIdentity } from './sso-provider.ts';

/**
 * The Earshot user a provider's sign-in stands for, matched by verified email. An unverified
 * email is refused (anyone can claim an address at some providers), and so is a deactivated
 * user. Nobody is created on the fly, except someone with a pending invitation: the provider
 * proved they own the invited address, so the invitations are accepted (the account gets no
 * password: it signs in through the provider).
 */
export async function findSsoUser(db: Kysely<Database>, identity: SsoIdentity, now: Date) {
  const email = identity.email?.trim().toLowerCase();
  if (!email) throw new AppError('email_not_verified', 'the sign-in provider sent no email');
  if (!identity.emailVerified)
    throw new AppError(
      'email_not_verified',
      `the sign-in provider has not verified ${email}: verify it there first`,
    );
  return db.transaction().execute(async (tx) => {
    const existing = await findUserByEmail(tx, email);
    if (existing?.deactivated_at)
      throw new AppError('user_deactivated', `${email} was deactivated: ask an admin`);
    const invitations = await listPendingInvitationsForEmail(tx, email, now);
    if (!existing && invitations.length === 0)
      throw new AppError(
        'no_account',
        `${email} has no Earshot account: ask an admin of your workspace to invite you`,
      );
    const user = existing
      ? { id: existing.id, email: existing.email, name: existing.name }
      : await createUser(tx, {
          email,
          name: identity.name?.trim() || invitations[0]?.name || email.split('@')[0]!,
          passwordHash: null,
        });
    for (const invitation of invitations) {
      if (!(await markInvitationAccepted(tx, invitation.id, now))) continue;
      // A member already keeps the role they have: an old invitation does not change it.
      if (existing && (await findMembership(tx, invitation.workspace_id, user.id))) continue;
      await upsertMembership(tx, {
        workspaceId: invitation.workspace_id,
        userId: user.id,
        role: invitation.role,
      });
    }
    return user;
  });
}
