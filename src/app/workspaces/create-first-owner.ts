import type { Kysely } from 'kysely';
import { generatePassword, hashPassword } from '../../security/passwords.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../store/schema.ts';
import { countUsers, createUser, lockFirstOwnerBootstrap } from '../../store/users.repository.ts';
import { createWorkspace, upsertMembership } from '../../store/workspaces.repository.ts';
import { seedDemoWorkspace } from '../../pipeline/demo/demo.ts';
import type { Assess } from '../../pipeline/intake/ingest.ts';

export interface FirstOwner {
  email: string;
  /** Set only when Earshot generated it: shown once, never stored in clear. */
  generatedPassword: string | undefined;
  workspaceName: string;
}

/**
 * On an empty database: the first owner (from EARSHOT_ADMIN_EMAIL/PASSWORD, or generated) and a
 * workspace — the demo one unless EARSHOT_DEMO=false. Does nothing once anyone exists.
 */
export async function createFirstOwner(
  db: Kysely<Database>,
  config: Pick<Config, 'adminEmail' | 'adminPassword' | 'demo'>,
  now: Date,
  assess?: Assess,
): Promise<FirstOwner | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const email = config.adminEmail ?? 'admin@earshot.local';
  const generatedPassword = config.adminPassword ? undefined : generatePassword();
  const passwordHash = await hashPassword(config.adminPassword ?? generatedPassword!);
  return db.transaction().execute(async (tx) => {
    // Another process may be bootstrapping too: one at a time, and check again under the lock.
    await lockFirstOwnerBootstrap(tx);
    if ((await countUsers(tx)) > 0) return undefined;
    const owner = await createUser(tx, { email, name: 'Owner', passwordHash });
    if (config.demo) {
      const { workspace } = await seedDemoWorkspace(tx, owner.id, now, assess);
      return { email, generatedPassword, workspaceName: workspace.name };
    }
    const workspace = await createWorkspace(tx, 'My workspace');
    await upsertMembership(tx, { workspaceId: workspace.id, userId: owner.id, role: 'owner' });
    return { email, generatedPassword, workspaceName: workspace.name };
  });
}
