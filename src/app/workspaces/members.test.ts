import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { refusal } from '../../../test/helpers/refusal.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { useCaseContextOf } from '../../../test/helpers/use-case.ts';
import { listWorkspaceMembers } from '../../store/workspaces.repository.ts';
import type { UseCaseContext } from '../use-case.ts';
import { addMember } from './add-member.ts';
import { changeMemberRole } from './change-member-role.ts';
import { deactivateUser } from '../users/deactivate-user.ts';
import { removeMember } from './remove-member.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function workspace() {
  const seeded = await seedWorkspace(database.store.db);
  const context = useCaseContextOf(database, seeded, 'owner', new Date('2026-03-02T10:00:00Z'));
  return { seeded, context };
}

const members = (context: UseCaseContext) =>
  listWorkspaceMembers(context.store.db, context.workspaceId);

describe('workspace members', () => {
  it('refuses to remove the last owner with last_owner and changes nothing', async () => {
    const { seeded, context } = await workspace();
    const before = await members(context);
    const error = await refusal(removeMember(context, 'owner', seeded.users.owner.id));
    expect(error.code).toBe('last_owner');
    expect(await members(context)).toEqual(before);
  });

  it('refuses to demote the last owner, but demotes one of two', async () => {
    const { seeded, context } = await workspace();
    const error = await refusal(changeMemberRole(context, 'owner', seeded.users.owner.id, 'admin'));
    expect(error.code).toBe('last_owner');
    await changeMemberRole(context, 'owner', seeded.users.admin.id, 'owner');
    const demoted = await changeMemberRole(context, 'owner', seeded.users.owner.id, 'admin');
    expect(demoted.role).toBe('admin');
  });

  it('lets only an owner remove an owner', async () => {
    const { seeded, context } = await workspace();
    await changeMemberRole(context, 'owner', seeded.users.admin.id, 'owner');
    const error = await refusal(removeMember(context, 'admin', seeded.users.owner.id));
    expect(error.code).toBe('forbidden');
    await removeMember(context, 'owner', seeded.users.owner.id);
    expect((await members(context)).map((m) => m.userId)).not.toContain(seeded.users.owner.id);
  });

  it('does not hash a password for an owner an admin may not add', async () => {
    const { context } = await workspace();
    let hashed = false;
    const error = await refusal(
      addMember(context, 'admin', {
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

  it('does not count a deactivated owner as the owner who stays', async () => {
    const { seeded, context } = await workspace();
    await changeMemberRole(context, 'owner', seeded.users.admin.id, 'owner');
    await deactivateUser(
      context.store,
      { userId: seeded.users.admin.id },
      { type: 'user', id: seeded.users.owner.id },
      context.now,
    );
    // The one owner who can still sign in can neither step down nor be removed.
    const demoted = await refusal(
      changeMemberRole(context, 'owner', seeded.users.owner.id, 'admin'),
    );
    expect(demoted.code).toBe('last_owner');
    const removed = await refusal(removeMember(context, 'owner', seeded.users.owner.id));
    expect(removed.code).toBe('last_owner');
    // The deactivated owner can be taken out: the workspace keeps its active owner.
    await removeMember(context, 'owner', seeded.users.admin.id);
    expect((await members(context)).filter((m) => m.role === 'owner')).toEqual([
      expect.objectContaining({ userId: seeded.users.owner.id, deactivated: false }),
    ]);
  });

  it('answers user_not_found for someone who is no member', async () => {
    const { context } = await workspace();
    const error = await refusal(removeMember(context, 'owner', crypto.randomUUID()));
    expect(error.code).toBe('user_not_found');
  });
});
