import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { seedWorkspace } from '../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../test/helpers/seed.ts';
import { createSession, findLiveSessionInWorkspace } from './sessions.repository.ts';
import { findWorkspaceAccess, savePendingTwoFactor } from './two-factor.repository.ts';

let database: TestDatabase;
let acme: SeededWorkspace;
let other: SeededWorkspace;
const now = new Date('2026-12-07T12:00:00Z');
const idleMs = 12 * 3600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await seedWorkspace(database.store.db, 'Sessions');
  other = await seedWorkspace(database.store.db, 'Elsewhere');
});
afterAll(async () => database?.close());

async function sessionOf(
  userId: string,
  tokenHash: string,
  expiresAt = new Date(now.getTime() + 3600_000),
) {
  await createSession(database.store.db, {
    tokenHash,
    userId,
    csrfToken: `csrf-${tokenHash}`,
    expiresAt,
    now,
  });
}

describe('findLiveSessionInWorkspace', () => {
  it('reads the session and the access findWorkspaceAccess gives, in one query', async () => {
    const agent = acme.users.agent.id;
    await sessionOf(agent, 'hash-agent');
    const found = await findLiveSessionInWorkspace(
      database.store.db,
      'hash-agent',
      now,
      idleMs,
      acme.workspaceId,
    );
    expect(found).toMatchObject({ id: agent, csrfToken: 'csrf-hash-agent' });
    expect(found!.access).toEqual(
      await findWorkspaceAccess(database.store.db, acme.workspaceId, agent),
    );
    expect(found!.access).toEqual({
      role: 'agent',
      requireTwoFactor: false,
      ssoOnly: false,
      twoFactorEnabled: false,
    });
  });

  it('gives no access in a workspace the user is no member of, but still the session', async () => {
    const found = await findLiveSessionInWorkspace(
      database.store.db,
      'hash-agent',
      now,
      idleMs,
      other.workspaceId,
    );
    expect(found).toMatchObject({ id: acme.users.agent.id });
    expect(found!.access).toBeUndefined();
  });

  it('sees two-factor sign-in only once it is enabled, and the workspace rule', async () => {
    const owner = acme.users.owner.id;
    await sessionOf(owner, 'hash-owner');
    await savePendingTwoFactor(database.store.db, owner, 'sealed', now);
    const read = () =>
      findLiveSessionInWorkspace(database.store.db, 'hash-owner', now, idleMs, acme.workspaceId);
    expect((await read())!.access!.twoFactorEnabled).toBe(false);
    await database.store.db
      .updateTable('two_factor_credentials')
      .set({ enabled_at: now })
      .where('user_id', '=', owner)
      .execute();
    await database.store.db
      .updateTable('workspaces')
      .set({ require_two_factor: true })
      .where('id', '=', acme.workspaceId)
      .execute();
    expect((await read())!.access).toMatchObject({
      role: 'owner',
      twoFactorEnabled: true,
      requireTwoFactor: true,
    });
    expect((await read())!.access).toEqual(
      await findWorkspaceAccess(database.store.db, acme.workspaceId, owner),
    );
  });

  it('finds no session that expired, went idle, or whose user was deactivated', async () => {
    const viewer = acme.users.viewer.id;
    await sessionOf(viewer, 'hash-expired', new Date(now.getTime() - 1));
    expect(
      await findLiveSessionInWorkspace(
        database.store.db,
        'hash-expired',
        now,
        idleMs,
        acme.workspaceId,
      ),
    ).toBeUndefined();
    await sessionOf(viewer, 'hash-idle');
    const later = new Date(now.getTime() + idleMs + 1);
    expect(
      await findLiveSessionInWorkspace(
        database.store.db,
        'hash-idle',
        later,
        idleMs,
        acme.workspaceId,
      ),
    ).toBeUndefined();
    await database.store.db
      .updateTable('users')
      .set({ deactivated_at: now })
      .where('id', '=', viewer)
      .execute();
    expect(
      await findLiveSessionInWorkspace(
        database.store.db,
        'hash-idle',
        now,
        idleMs,
        acme.workspaceId,
      ),
    ).toBeUndefined();
  });
});
