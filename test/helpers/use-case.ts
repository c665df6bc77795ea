import type { UseCaseContext } from '../../src/app/use-case.ts';
import type { Role } from '../../src/domain/roles.ts';
import type { TestDatabase } from './database.ts';
import type { SeededWorkspace } from './seed.ts';

/** A use case's context for a seeded member, at a fixed moment. */
export function useCaseContextOf(
  database: TestDatabase,
  seeded: SeededWorkspace,
  role: Role,
  now = new Date('2026-12-01T10:00:00Z'),
): UseCaseContext {
  return {
    store: database.store,
    workspaceId: seeded.workspaceId,
    userId: seeded.users[role].id,
    now,
  };
}
