import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * Who changes a workspace's settings, in which workspace, and when: what every settings use case
 * takes besides its own input. Built by the route from the authenticated request; tests build it
 * by hand.
 */
export interface WorkspaceAction {
  db: Kysely<Database>;
  workspaceId: string;
  /** The user who asked; recorded as the events' actor. */
  actorId: string;
  now: Date;
}
