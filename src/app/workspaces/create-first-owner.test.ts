import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { countUsers, findUserByEmail } from '../../store/users.repository.ts';
import { listUserMemberships } from '../../store/workspaces.repository.ts';
import { createFirstOwner } from './create-first-owner.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('createFirstOwner', () => {
  it('makes the first owner of an empty database, with a generated password, then does nothing', async () => {
    const { db } = database.store;
    const config = { adminEmail: 'first@example.test', adminPassword: undefined, demo: false };
    const now = new Date('2026-03-02T10:00:00Z');
    const first = await createFirstOwner(db, config, now);
    expect(first).toMatchObject({ email: 'first@example.test', workspaceName: 'My workspace' });
    expect(first?.generatedPassword).toEqual(expect.any(String));
    const owner = await findUserByEmail(db, 'first@example.test');
    expect(owner?.password_hash).not.toContain(first!.generatedPassword!);
    expect(await listUserMemberships(db, owner!.id)).toEqual([
      expect.objectContaining({ workspaceName: 'My workspace', role: 'owner' }),
    ]);
    expect(await createFirstOwner(db, { ...config, adminEmail: 'second@example.test' }, now)).toBe(
      undefined,
    );
    expect(await countUsers(db)).toBe(1);
  });
});
