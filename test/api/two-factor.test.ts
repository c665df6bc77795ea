import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginThrottle } from '../../src/api/auth/login-throttle.ts';
import {
  confirmTwoFactorSetup,
  startTwoFactorSetup,
} from '../../src/app/two-factor/two-factor-credentials.ts';
import { findTwoFactor } from '../../src/store/two-factor.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import { openReadyStream } from '../helpers/event-stream.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { createSharedDatabase, runEarshot } from '../helpers/cli.ts';
import { seedUser, seedWorkspace } from '../helpers/seed.ts';
import type { SeededUser, SeededWorkspace } from '../helpers/seed.ts';

// Issue 17, point 5: two-factor sign-in (TOTP, RFC 6238) on a real server and database. Codes
// are made from the secret with otpauth, as an authenticator app makes them, at the test's clock.

let api: TestApi;
let acme: SeededWorkspace;
let clock = new Date('2026-03-02T09:00:00Z');
const tick = (seconds = 30) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};
const codeAt = (secret: string, at = clock) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
  acme = await seedWorkspace(api.db, 'Guarded');
});
afterAll(async () => api?.close());

const cookieOf = (response: { headers: Headers }) =>
  response.headers.get('set-cookie')?.split(';')[0];

async function passwordStep(user: Pick<SeededUser, 'email' | 'password'>) {
  const answer = await api.request('POST', '/api/v1/auth/login', {
    body: { email: user.email, password: user.password },
  });
  expect(answer.status, answer.text).toBe(200);
  return answer;
}

async function codeStep(challenge: string, code: string) {
  return api.request('POST', '/api/v1/auth/login/two-factor', { body: { challenge, code } });
}

/** Enrols a user through the API; their secret and recovery codes. */
async function enrol(as: Caller) {
  const setup = await api.request('POST', '/api/v1/auth/two-factor/setup', { as });
  expect(setup.status, setup.text).toBe(200);
  const secret = setup.json.secret as string;
  const enabled = await api.request('POST', '/api/v1/auth/two-factor/enable', {
    as,
    body: { code: codeAt(secret) },
  });
  expect(enabled.status, enabled.text).toBe(200);
  // The code just used stays used: sign-ins in the tests start at the next step.
  tick();
  return { secret, recoveryCodes: enabled.json.recoveryCodes as string[] };
}

describe('enrolment', () => {
  it('gives a secret and otpauth URI, not in force until a right code confirms it', async () => {
    const user = await seedUser(api.db, 'Enroller');
    const as = await api.login(user);
    const setup = await api.request('POST', '/api/v1/auth/two-factor/setup', { as });
    expect(setup.status).toBe(200);
    const secret = setup.json.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.json.uri).toMatch(/^otpauth:\/\/totp\/Earshot:.*secret=[A-Z2-7]{32}/);
    expect(setup.json.uri).toContain(encodeURIComponent(user.email));
    // Stored encrypted, never as the secret itself.
    const row = await findTwoFactor(api.db, user.id);
    expect(row?.secret_encrypted).not.toContain(secret);
    expect(row?.enabled_at).toBeNull();

    const pending = await api.request('GET', '/api/v1/auth/two-factor', { as });
    expect(pending.json).toEqual({ enabled: false, pending: true, recoveryCodesLeft: 0 });
    // Not yet in force: the password alone still signs in.
    expect((await passwordStep(user)).json.twoFactorRequired).toBeUndefined();

    const wrong = await api.request('POST', '/api/v1/auth/two-factor/enable', {
      as,
      body: { code: codeAt(secret, new Date(clock.getTime() - 5 * 60_000)) },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error?.code).toBe('wrong_code');
    const enabled = await api.request('POST', '/api/v1/auth/two-factor/enable', {
      as,
      body: { code: codeAt(secret) },
    });
    expect(enabled.status, enabled.text).toBe(200);
    const codes = enabled.json.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const on = await api.request('GET', '/api/v1/auth/two-factor', { as });
    expect(on.json).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    const session = await api.request('GET', '/api/v1/session', { as });
    expect(session.json.twoFactorEnabled).toBe(true);

    // A second setup while it is on is refused: turn it off first.
    const again = await api.request('POST', '/api/v1/auth/two-factor/setup', { as });
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe('two_factor_already_enabled');
    tick();
  });

  it('ends every other session of the user and its streams once on; the confirming one stays', async () => {
    const workspace = await seedWorkspace(api.db, 'Signed out');
    const user = workspace.users.agent;
    const here = await api.login(user);
    const elsewhere = await api.login(user);
    const stream = await openReadyStream(api, workspace.workspaceId, elsewhere);
    const bystander = await api.login(workspace.users.viewer);

    await enrol(here);

    expect(await stream.ended()).toBe('closed');
    expect((await api.request('GET', '/api/v1/session', { as: elsewhere })).status).toBe(401);
    expect((await api.request('GET', '/api/v1/session', { as: here })).status).toBe(200);
    expect((await api.request('GET', '/api/v1/session', { as: bystander })).status).toBe(200);
  });

  it('refuses to enable without a setup', async () => {
    const as = await api.login(await seedUser(api.db, 'Hasty'));
    const enabled = await api.request('POST', '/api/v1/auth/two-factor/enable', {
      as,
      body: { code: '123456' },
    });
    expect(enabled.status).toBe(409);
    expect(enabled.json.error?.code).toBe('two_factor_not_set_up');
  });
});

describe('signing in with two-factor sign-in on', () => {
  let user: SeededUser;
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    user = await seedUser(api.db, 'Careful');
    ({ secret, recoveryCodes } = await enrol(await api.login(user)));
  });

  it('opens no session for the password alone; the code does, once per challenge', async () => {
    const first = await passwordStep(user);
    expect(cookieOf(first)).toBeUndefined();
    expect(first.json).toMatchObject({ twoFactorRequired: true });
    const challenge = first.json.challenge as string;
    expect(challenge).toMatch(/^esc_/);

    const wrong = await codeStep(challenge, codeAt(secret, new Date(clock.getTime() - 600_000)));
    expect(wrong.status).toBe(403);
    expect(wrong.json.error?.code).toBe('wrong_code');
    expect(cookieOf(wrong)).toBeUndefined();

    const right = await codeStep(challenge, codeAt(secret));
    expect(right.status, right.text).toBe(200);
    const cookie = cookieOf(right)!;
    expect(cookie).toMatch(/^earshot_session=ess_/);
    const session = await api.request('GET', '/api/v1/session', { as: { cookie } });
    expect(session.status).toBe(200);
    expect(session.json.user).toMatchObject({ email: user.email });

    // The challenge is used up.
    tick();
    const reused = await codeStep(challenge, codeAt(secret));
    expect(reused.status).toBe(410);
    expect(reused.json.error?.code).toBe('two_factor_challenge_expired');
  });

  it('refuses a code used already, and accepts one step either side of now', async () => {
    const used = codeAt(secret);
    const first = await passwordStep(user);
    expect((await codeStep(first.json.challenge as string, used)).status).toBe(200);
    const second = await passwordStep(user);
    const replay = await codeStep(second.json.challenge as string, used);
    expect(replay.status).toBe(403);
    expect(replay.json.error?.code).toBe('wrong_code');
    // The next step's code, typed 30 seconds early (the phone's clock runs ahead), works.
    const early = codeAt(secret, new Date(clock.getTime() + 30_000));
    expect((await codeStep(second.json.challenge as string, early)).status).toBe(200);
    // Two steps ahead is too far.
    tick(90);
    const third = await passwordStep(user);
    const tooEarly = codeAt(secret, new Date(clock.getTime() + 61_000));
    expect((await codeStep(third.json.challenge as string, tooEarly)).status).toBe(403);
    tick();
  });

  it('takes a recovery code once', async () => {
    const code = recoveryCodes[0]!;
    const first = await passwordStep(user);
    // Typed in lower case without dashes, as people do.
    const used = await codeStep(
      first.json.challenge as string,
      code.toLowerCase().replace(/-/g, ''),
    );
    expect(used.status, used.text).toBe(200);
    const second = await passwordStep(user);
    const again = await codeStep(second.json.challenge as string, code);
    expect(again.status).toBe(403);
    expect(again.json.error?.code).toBe('wrong_code');
    const status = await api.request('GET', '/api/v1/auth/two-factor', {
      as: { cookie: cookieOf(used)! },
    });
    expect(status.json.recoveryCodesLeft).toBe(9);
  });

  it('counts wrong codes against the login limit, and ends a challenge after five', async () => {
    const saved = api.deps.loginThrottle;
    api.deps.loginThrottle = new LoginThrottle({ perAddress: 4 });
    try {
      const first = await passwordStep(user);
      const challenge = first.json.challenge as string;
      const answers: number[] = [];
      for (let i = 0; i < 4; i += 1) answers.push((await codeStep(challenge, '000000')).status);
      expect(answers.slice(0, 3)).toEqual([403, 403, 403]);
      expect(answers[3]).toBe(429);
    } finally {
      api.deps.loginThrottle = saved;
    }
    const second = await passwordStep(user);
    const challenge = second.json.challenge as string;
    for (let i = 0; i < 5; i += 1) expect((await codeStep(challenge, '000000')).status).toBe(403);
    const ended = await codeStep(challenge, codeAt(secret));
    expect(ended.status).toBe(410);
  });

  it('leaves API tokens as they are', async () => {
    const first = await passwordStep(user);
    const right = await codeStep(first.json.challenge as string, codeAt(secret));
    tick();
    const cookie = cookieOf(right)!;
    const csrfToken = right.json.csrfToken as string;
    const token = await api.request('POST', '/api/v1/tokens', {
      as: { cookie, csrfToken },
      body: { name: 'script' },
    });
    expect(token.status).toBe(201);
    const used = await api.request('GET', '/api/v1/session', {
      as: { bearer: token.json.token as string },
    });
    expect(used.status).toBe(200);
  });
});

describe('turning it off', () => {
  it('needs the password or a code; the password alone signs in again afterwards', async () => {
    const user = await seedUser(api.db, 'Switcher');
    const as = await api.login(user);
    const { secret } = await enrol(as);
    const first = await passwordStep(user);
    const right = await codeStep(first.json.challenge as string, codeAt(secret));
    const caller = { cookie: cookieOf(right)!, csrfToken: right.json.csrfToken as string };
    tick();

    const wrongPassword = await api.request('POST', '/api/v1/auth/two-factor/disable', {
      as: caller,
      body: { password: 'not-the-password' },
    });
    expect(wrongPassword.status).toBe(403);
    expect(wrongPassword.json.error?.code).toBe('wrong_password');
    const wrongCode = await api.request('POST', '/api/v1/auth/two-factor/disable', {
      as: caller,
      body: { code: '000000' },
    });
    expect(wrongCode.json.error?.code).toBe('wrong_code');
    const neither = await api.request('POST', '/api/v1/auth/two-factor/disable', {
      as: caller,
      body: {},
    });
    expect(neither.status).toBe(400);

    const off = await api.request('POST', '/api/v1/auth/two-factor/disable', {
      as: caller,
      body: { code: codeAt(secret) },
    });
    expect(off.status, off.text).toBe(204);
    const plain = await passwordStep(user);
    expect(cookieOf(plain)).toMatch(/^earshot_session=/);
    expect(plain.json.twoFactorRequired).toBeUndefined();
    expect(await findTwoFactor(api.db, user.id)).toBeUndefined();

    // With the password, too.
    await enrol(caller);
    const offAgain = await api.request('POST', '/api/v1/auth/two-factor/disable', {
      as: caller,
      body: { password: user.password },
    });
    expect(offAgain.status).toBe(204);
  });
});

describe('a workspace that requires two-factor sign-in', () => {
  it('only its owner, with it on, may require it', async () => {
    const owner = await api.login(acme.users.owner);
    const path = `/api/v1/workspaces/${acme.workspaceId}/two-factor-requirement`;
    const notYet = await api.request('PUT', path, { as: owner, body: { required: true } });
    expect(notYet.status).toBe(409);
    expect(notYet.json.error?.code).toBe('two_factor_not_enabled');
    const admin = await api.request('PUT', path, {
      as: await api.login(acme.users.admin),
      body: { required: true },
    });
    expect(admin.status).toBe(403);
    expect(admin.json.error?.code).toBe('forbidden');
  });

  it('refuses members without it every workspace route, by session or token, until they enrol', async () => {
    const ownerSession = await api.login(acme.users.owner);
    const { secret: ownerSecret } = await enrol(ownerSession);
    const agent = await api.login(acme.users.agent);
    const agentToken = await api.request('POST', '/api/v1/tokens', {
      as: agent,
      body: { name: 'before the rule' },
    });
    const bearer = { bearer: agentToken.json.token as string };

    const path = `/api/v1/workspaces/${acme.workspaceId}/two-factor-requirement`;
    const on = await api.request('PUT', path, { as: ownerSession, body: { required: true } });
    expect(on.status, on.text).toBe(200);

    const inbox = `/api/v1/workspaces/${acme.workspaceId}/conversations`;
    for (const as of [agent, bearer]) {
      const refused = await api.request('GET', inbox, { as });
      expect(refused.status).toBe(403);
      expect(refused.json.error?.code).toBe('two_factor_required');
    }
    const events = await api.request('GET', `/api/v1/events?workspace=${acme.workspaceId}`, {
      as: agent,
    });
    expect(events.json.error?.code).toBe('two_factor_required');
    // The session tells the web app to show the enrolment screen.
    const session = await api.request('GET', '/api/v1/session', { as: agent });
    expect(session.json.twoFactorEnabled).toBe(false);
    expect(session.json.memberships).toEqual([
      expect.objectContaining({ workspaceId: acme.workspaceId, requireTwoFactor: true }),
    ]);
    // The owner, with it on, is let through.
    const ownerIn = await passwordStep(acme.users.owner);
    const owner = await codeStep(ownerIn.json.challenge as string, codeAt(ownerSecret));
    tick();
    expect((await api.request('GET', inbox, { as: { cookie: cookieOf(owner)! } })).status).toBe(
      200,
    );

    // The agent enrols from the account routes, still open to them, and is let in.
    await enrol(agent);
    expect((await api.request('GET', inbox, { as: agent })).status).toBe(200);
    expect((await api.request('GET', inbox, { as: bearer })).status).toBe(200);

    const off = await api.request('PUT', path, { as: ownerSession, body: { required: false } });
    expect(off.json).toEqual({ required: false });
    const viewer = await api.login(acme.users.viewer);
    expect((await api.request('GET', inbox, { as: viewer })).status).toBe(200);
  });
});

describe('earshot user reset-2fa', () => {
  vi.setConfig({ testTimeout: 180_000 });

  it('turns off the two-factor sign-in of a user who lost their phone', async () => {
    const database = await createSharedDatabase('two-factor');
    try {
      const user = await database.withStore(async (store) => {
        const seeded = await seedUser(store.db, 'Phoneless');
        const key = randomBytes(32);
        const now = new Date();
        const { secret } = await startTwoFactorSetup(store.db, key, seeded, now);
        await confirmTwoFactorSetup(store.db, key, seeded.id, codeAt(secret, now), now);
        expect((await findTwoFactor(store.db, seeded.id))?.enabled_at).toBeInstanceOf(Date);
        return seeded;
      });
      const reset = await runEarshot(database, ['user', 'reset-2fa', '--email', user.email]);
      expect(reset.code, reset.stderr).toBe(0);
      expect(JSON.parse(reset.stdout)).toEqual({ email: user.email, hadTwoFactor: true });
      await database.withStore(async (store) => {
        expect(await findTwoFactor(store.db, user.id)).toBeUndefined();
      });
      const unknown = await runEarshot(database, [
        'user',
        'reset-2fa',
        '--email',
        'nobody@example.test',
      ]);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toMatch(/no user with email nobody@example.test/);
    } finally {
      await database.close();
    }
  });
});
