import type { Role } from '../../domain/roles.ts';
import { createUser, findUserByEmail } from '../../store/users.repository.ts';
import { findMembership, upsertMembership } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';
import { createInvitation, defaultInvitationLifetimeMs } from './invitations.ts';
import { findMemberView, refuseLastOwnerLeaving, requireOwner } from './owner-rules.ts';

interface NewMember {
  email: string;
  name?: string;
  role: Role;
  /**
   * Hashes the new user's first password, when the admin gave one. Called only once the actor may
   * grant the role and before the transaction, so a slow hash holds no locks.
   */
  hashPassword?: () => Promise<string>;
  /** How long an invitation works, when one is made (default 7 days). */
  invitationLifetimeMs?: number;
}

/**
 * Adds a member who has an account, or changes the role of an existing one, with the owner rules
 * of a role change. Someone without an account (or one that never had a password) is invited
 * instead, unless the admin set their first password: they set their own through a one-time link.
 */
export async function addMember(context: UseCaseContext, actorRole: Role, member: NewMember) {
  if (member.role === 'owner') requireOwner(actorRole, 'only an owner can add another owner');
  const { workspaceId } = context;
  const known = await findUserByEmail(context.store.db, member.email);
  if (known?.deactivated_at)
    throw new AppError('user_deactivated', `${known.email} was deactivated on this instance`);
  if (!member.hashPassword && !known?.password_hash) {
    const invitation = await createInvitation(context, {
      email: member.email,
      name: member.name ?? null,
      role: member.role,
      lifetimeMs: member.invitationLifetimeMs ?? defaultInvitationLifetimeMs,
    });
    return { kind: 'invitation' as const, invitation };
  }
  const passwordHash = member.hashPassword && !known ? await member.hashPassword() : null;
  const added = await context.store.db.transaction().execute(async (tx) => {
    const existingUser = await findUserByEmail(tx, member.email);
    const current = existingUser
      ? await findMembership(tx, workspaceId, existingUser.id)
      : undefined;
    if (current?.role === 'owner' && member.role !== 'owner') {
      requireOwner(actorRole, 'only an owner can take away the owner role');
      await refuseLastOwnerLeaving(tx, workspaceId, existingUser!.id);
    }
    const user =
      existingUser ??
      (await createUser(tx, {
        email: member.email,
        name: member.name ?? member.email.split('@')[0]!,
        passwordHash,
      }));
    await upsertMembership(tx, { workspaceId, userId: user.id, role: member.role });
    if (current?.role !== member.role)
      await recordChange(tx, context, {
        kind: current ? 'member.role_changed' : 'member.added',
        target: { type: 'user', id: user.id },
        before: current ? { role: current.role } : null,
        after: { email: user.email, role: member.role },
      });
    return findMemberView(tx, workspaceId, user.id);
  });
  return { kind: 'member' as const, member: added };
}
