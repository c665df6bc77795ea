import type { WorkspaceAction } from '../app/workspace-action.ts';
import type { AppEnv } from './context.ts';

/** The use cases' view of an authenticated workspace request: its database, workspace, user and clock. */
export function workspaceAction(vars: AppEnv['Variables']): WorkspaceAction {
  return {
    db: vars.deps.store.db,
    workspaceId: vars.workspaceId,
    actorId: vars.user.id,
    now: vars.deps.now(),
  };
}
