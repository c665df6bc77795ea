import { createTestApi } from './api.ts';
import type { Caller, TestApi } from './api.ts';
import { seedWorkspace } from './seed.ts';
import type { SeededWorkspace } from './seed.ts';

export interface TwoWorkspaces {
  api: TestApi;
  /** The workspace under test, with a member of each role. */
  acme: SeededWorkspace;
  /** Another tenant, whose owner must never see acme's data. */
  other: SeededWorkspace;
  admin: Caller;
  agent: Caller;
  viewer: Caller;
  /** The other workspace's owner, logged in. */
  stranger: Caller;
}

/** The in-process API over two seeded workspaces, with acme's members and a stranger logged in. */
export async function startTwoWorkspaces(name: string): Promise<TwoWorkspaces> {
  const api = await createTestApi();
  const acme = await seedWorkspace(api.db, name);
  const other = await seedWorkspace(api.db, 'Elsewhere');
  return {
    api,
    acme,
    other,
    admin: await api.login(acme.users.admin),
    agent: await api.login(acme.users.agent),
    viewer: await api.login(acme.users.viewer),
    stranger: await api.login(other.users.owner),
  };
}
