import type { UseCaseContext } from '../app/use-case.ts';
import type { AppEnv } from './context.ts';

/** What a route hands its use case: the caller's workspace and identity, and the clock read once. */
export function useCaseContext(vars: AppEnv['Variables']): UseCaseContext {
  return {
    store: vars.deps.store,
    workspaceId: vars.workspaceId,
    userId: vars.user.id,
    now: vars.deps.now(),
    origin: vars.origin,
  };
}
