import type { Role } from '../../domain/roles.ts';
import { createUser, findUserByEmail } from '../../store/users.repository.ts';
import { findMembership, upsertMembership } from '../../store/workspaces.repository.ts';
import type { UseCaseContext } from '../use-case.ts';
import { findMemberView, refuseLastOwnerLeaving, requireOwner } from './owner-rules.ts';

interface NewMember {
  email: string;
  name?: string;
  role: Role;
  /**
   * Hashes the new user's first password, when one was given. Called only once the actor may grant
   * the role and before the transaction, so a slow hash holds no locks.
   */
  hashPassword?: () => Promise<string>;
}

/**
 * Adds a member, creating their account if the email is new, or changes the role of an existing
 * one, with the owner rules of a role change.
 */
export async function addMember(context: UseCaseContext, actorRole: Role, member: NewMember) {
  if (member.role === 'owner') requireOwner(actorRole, 'only an owner can add another owner');
  const passwordHash = member.hashPassword ? await member.hashPassword() : null;
  const { workspaceId } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const existingUser = await findUserByEmail(tx, member.email);
    const current = existingUser
      ? await findMembership(tx, workspaceId, existingUser.id)
      : undefined;
    if (current?.role === 'owner' && member.role !== 'owner') {
      requireOwner(actorRole, 'only an owner can take away the owner role');
      await refuseLastOwnerLeaving(tx, workspaceId);
    }
    const user =
      (await findUserByEmail(tx, member.email)) ??
      (await createUser(tx, {
        email: member.email,
        name: member.name ?? member.email.split('@')[0]!,
        passwordHash,
      }));
    await upsertMembership(tx, { workspaceId, userId: user.id, role: member.role });
    return findMemberView(tx, workspaceId, user.id);
  });
}
