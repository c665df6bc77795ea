import type { Kysely } from 'kysely';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import type { Database } from '../../store/schema.ts';
import { findTwoFactor, setWorkspaceRequiresTwoFactor } from '../../store/two-factor.repository.ts';
import { listWorkspaceMembers } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestOrigin } from '../use-case.ts';

/**
 * The owner's "require two-factor sign-in" setting. Turning it on needs the owner's own two-factor
 * sign-in on (else they would lock themselves out of this very setting); members' event streams
 * are closed so that those without it meet the rule at once.
 */
export async function setTwoFactorRequirement(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    actorId: string;
    required: boolean;
    origin?: RequestOrigin | undefined;
    now?: Date;
  },
): Promise<void> {
  if (input.required && !(await findTwoFactor(db, input.actorId))?.enabled_at)
    throw new AppError(
      'two_factor_not_enabled',
      'turn on two-factor sign-in for your own account first',
    );
  await db.transaction().execute(async (tx) => {
    await setWorkspaceRequiresTwoFactor(tx, input.workspaceId, input.required);
    await recordAudit(tx, {
      kind: 'workspace.two_factor_required',
      workspaceId: input.workspaceId,
      actor: { userId: input.actorId },
      target: { type: 'workspace', id: input.workspaceId },
      after: { required: input.required },
      origin: input.origin,
      at: input.now ?? new Date(),
    });
    if (!input.required) return;
    const members = await listWorkspaceMembers(tx, input.workspaceId);
    await notifyChanges(
      tx,
      members.map((member) => accessChangedNotice(member.userId, input.workspaceId)),
    );
  });
}
