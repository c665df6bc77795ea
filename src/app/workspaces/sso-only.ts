import { setWorkspaceSsoOnly } from '../../store/single-sign-on.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Turns the workspace's "SSO only" rule on or off. It can only be turned on while the instance
 * has a provider configured: otherwise nobody could sign in to the workspace at all.
 */
export async function setSsoOnly(
  context: UseCaseContext,
  ssoOnly: boolean,
  ssoConfigured: boolean,
): Promise<void> {
  if (ssoOnly && !ssoConfigured)
    throw new AppError(
      'sso_not_configured',
      'single sign-on is not configured for this Earshot: set EARSHOT_OIDC_ISSUER first',
    );
  await context.store.db.transaction().execute(async (tx) => {
    await setWorkspaceSsoOnly(tx, context.workspaceId, ssoOnly);
    await recordChange(tx, context, {
      kind: 'workspace.sso_only',
      target: { type: 'workspace', id: context.workspaceId },
      after: { ssoOnly },
    });
  });
}
