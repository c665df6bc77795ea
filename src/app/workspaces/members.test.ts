import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { refusal } from '../../../test/helpers/refusal.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { listWorkspaceMembers } from '../../store/workspaces.repository.ts';
import type { WorkspaceAction } from '../workspace-action.ts';
import { addMember } from './add-member.ts';
import { changeMemberRole } from './change-member-role.ts';
import { removeMember } from './remove-member.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function workspace() {
  const seeded = await seedWorkspace(database.store.db);
  const action: WorkspaceAction = {
    db: database.store.db,
    workspaceId: seeded.workspaceId,
    actorId: seeded.users.owner.id,
    now: new Date('2026-03-02T10:00:00Z'),
  };
  return { seeded, action };
}

const members = (action: WorkspaceAction) => listWorkspaceMembers(action.db, action.workspaceId);

describe('workspace members', () => {
  it('refuses to remove the last owner with last_owner and changes nothing', async () => {
    const { seeded, action } = await workspace();
    const before = await members(action);
    const error = await refusal(removeMember(action, 'owner', seeded.users.owner.id));
    expect(error.code).toBe('last_owner');
    expect(await members(action)).toEqual(before);
  });

  it('refuses to demote the last owner, but demotes one of two', async () => {
    const { seeded, action } = await workspace();
    const error = await refusal(changeMemberRole(action, 'owner', seeded.users.owner.id, 'admin'));
    expect(error.code).toBe('last_owner');
    await changeMemberRole(action, 'owner', seeded.users.admin.id, 'owner');
    const demoted = await changeMemberRole(action, 'owner', seeded.users.owner.id, 'admin');
    expect(demoted.role).toBe('admin');
  });

  it('lets only an owner remove an owner', async () => {
    const { seeded, action } = await workspace();
    await changeMemberRole(action, 'owner', seeded.users.admin.id, 'owner');
    const error = await refusal(removeMember(action, 'admin', seeded.users.owner.id));
    expect(error.code).toBe('forbidden');
    await removeMember(action, 'owner', seeded.users.owner.id);
    expect((await members(action)).map((m) => m.userId)).not.toContain(seeded.users.owner.id);
  });

  it('does not hash a password for an owner an admin may not add', async () => {
    const { action } = await workspace();
    let hashed = false;
    const error = await refusal(
      addMember(action, 'admin', {
        email: 'new-owner@example.test',
        role: 'owner',
        hashPassword: async () => {
          hashed = true;
          return 'unused';
        },
      }),
    );
    expect(error.code).toBe('forbidden');
    expect(hashed).toBe(false);
  });

  it('answers user_not_found for someone who is no member', async () => {
    const { action } = await workspace();
    const error = await refusal(removeMember(action, 'owner', crypto.randomUUID()));
    expect(error.code).toBe('user_not_found');
  });
});
