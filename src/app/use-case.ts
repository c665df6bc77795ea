import type { Actor } from '../domain/events.ts';
import type { Store } from '../store/connect.ts';

/**
 * What every use case is called with besides its own input: the store, the workspace, the member
 * acting and the moment. Routes build it from the request; tests build it by hand. Nothing in it
 * is HTTP, so a use case runs the same from a route, a worker or a test.
 */
export interface UseCaseContext {
  store: Store;
  workspaceId: string;
  /** The member acting; events record them as the actor. */
  userId: string;
  now: Date;
  /** Where the request came from, for the audit log; absent outside HTTP (CLI, workers, tests). */
  origin?: RequestOrigin;
}

/** The caller's address and browser, and the API token they used if any (issue 17). */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  tokenId: string | null;
}

/** The acting member as an event's actor. */
export function userActor(context: UseCaseContext): Extract<Actor, { type: 'user' }> {
  return { type: 'user', id: context.userId };
}
