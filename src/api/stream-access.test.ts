import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../test/helpers/api.ts';
import type { Caller, TestApi } from '../../test/helpers/api.ts';
import { seedWorkspace } from '../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../test/helpers/seed.ts';
import { hashToken } from '../security/tokens.ts';
import { StreamAccessChecker } from './stream-access.ts';
import type { StreamCaller } from './stream-access.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Acme');
  other = await seedWorkspace(api.db, 'Other');
});
afterAll(async () => api?.close());

const sessionOf = (caller: Caller) => hashToken(caller.cookie!.split('=')[1]!);

function streamCaller(workspaceId: string, userId: string, session: Caller): StreamCaller {
  return { workspaceId, userId, sessionTokenHash: sessionOf(session), apiTokenHash: undefined };
}

describe("the event streams' access checker", () => {
  it('answers many streams at once: live members yes; expired sessions, revoked tokens and non-members no', async () => {
    const agent = await api.login(acme.users.agent);
    const viewer = await api.login(acme.users.viewer);
    const stranger = await api.login(other.users.owner);
    const created = await api.request('POST', '/api/v1/tokens', {
      as: agent,
      body: { name: 'wallboard' },
    });
    const token = created.json as { id: string; token: string };
    const withToken: StreamCaller = {
      workspaceId: acme.workspaceId,
      userId: acme.users.agent.id,
      sessionTokenHash: undefined,
      apiTokenHash: hashToken(token.token),
    };
    const checker = new StreamAccessChecker(api.deps);
    const ask = () =>
      Promise.all([
        checker.check(streamCaller(acme.workspaceId, acme.users.agent.id, agent)),
        checker.check(streamCaller(acme.workspaceId, acme.users.viewer.id, viewer)),
        checker.check(streamCaller(acme.workspaceId, other.users.owner.id, stranger)),
        checker.check(withToken),
        checker.check(streamCaller(other.workspaceId, other.users.owner.id, stranger)),
      ]);
    expect(await ask()).toEqual([true, true, false, true, true]);

    // The viewer's session runs out on its own (no notice), and the token is revoked.
    await api.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', sessionOf(viewer))
      .execute();
    const revoked = await api.request('DELETE', `/api/v1/tokens/${token.id}`, { as: agent });
    expect(revoked.status).toBe(204);
    expect(await ask()).toEqual([true, false, false, false, true]);
  });
});
