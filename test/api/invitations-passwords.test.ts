import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccountSettings } from '../../src/api/auth/account-settings.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { openReadyStream } from '../helpers/event-stream.ts';
import { seedUser, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Issue 17, points 1 and 2: invitations, password change and reset, on a real server and
// database; email goes to a real SMTP server of the test's own on 127.0.0.1.

let api: TestApi;
let acme: SeededWorkspace;
let admin: Caller;
let ws: string;
let clock = new Date('2026-03-02T09:00:00Z');
const inbox: Array<{ to: string; text: string }> = [];
let smtp: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
  acme = await seedWorkspace(api.db, 'People');
  admin = await api.login(acme.users.admin);
  ws = `/api/v1/workspaces/${acme.workspaceId}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(resolve));
  await api?.close();
});

const email = () => `new-${randomUUID().slice(0, 8)}@example.test`;
const withMail = () => {
  api.deps.accounts = {
    ...defaultAccountSettings,
    publicUrl: 'https://earshot.example.test/',
    smtp: { url: smtpUrl, from: 'Earshot <accounts@example.test>' },
  };
};
const withoutMail = () => {
  api.deps.accounts = undefined;
};
async function mailTo(address: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const found = inbox.find((m) => m.to === address);
    if (found) return found.text.replace(/=\r?\n/g, '');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no email reached ${address}`);
}
const secretIn = (text: string, prefix: 'esi' | 'esr') =>
  new RegExp(`#(${prefix}_[A-Za-z0-9_-]+)`).exec(text)?.[1];

function cookieOf(response: { headers: Headers }): string {
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

describe('invitations', () => {
  it('invites someone without an account; they set their password and land signed in', async () => {
    withoutMail();
    const address = email();
    const invited = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: address, name: 'Ines', role: 'agent' },
    });
    expect(invited.status).toBe(202);
    expect(invited.json).toMatchObject({ email: address, role: 'agent', emailed: false });
    const token = invited.json.token as string;
    expect(token).toMatch(/^esi_/);
    expect(invited.json.link).toBe(`/invite#${token}`);

    const pending = await api.request('GET', `${ws}/invitations`, { as: admin });
    expect(pending.status).toBe(200);
    expect(pending.json.items).toEqual([
      expect.objectContaining({ id: invited.json.id, email: address, role: 'agent' }),
    ]);
    expect(pending.text).not.toContain(token);
    // Only the hash is stored.
    const stored = await api.db.selectFrom('invitations').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const preview = await api.request('POST', '/api/v1/invitations/preview', { body: { token } });
    expect(preview.json).toMatchObject({ email: address, role: 'agent' });
    expect(preview.json.workspaceName).toContain('People');

    const weak = await api.request('POST', '/api/v1/invitations/accept', {
      body: { token, password: 'short' },
    });
    expect(weak.status).toBe(400);

    const accepted = await api.request('POST', '/api/v1/invitations/accept', {
      body: { token, password: 'a-password-of-my-own' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({
      user: { email: address, name: 'Ines' },
      memberships: [expect.objectContaining({ workspaceId: acme.workspaceId, role: 'agent' })],
    });
    const session = await api.request('GET', '/api/v1/session', {
      as: { cookie: cookieOf(accepted) },
    });
    expect(session.status).toBe(200);
    await api.login({ email: address, password: 'a-password-of-my-own' });

    const again = await api.request('POST', '/api/v1/invitations/accept', {
      body: { token, password: 'another-password-here' },
    });
    expect(again.status).toBe(410);
    expect(again.json.error?.code).toBe('link_expired');
    const after = await api.request('GET', `${ws}/invitations`, { as: admin });
    expect(after.json.items).toEqual([]);
  });

  it('adds someone who already has an account directly', async () => {
    const existing = await seedUser(api.db, 'Existing');
    const added = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: existing.email, role: 'viewer' },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ userId: existing.id, role: 'viewer' });
  });

  it('stops a revoked or expired invitation from working', async () => {
    const revokedOne = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: email(), role: 'agent' },
    });
    const revoke = await api.request(
      'DELETE',
      `${ws}/invitations/${revokedOne.json.id as string}`,
      {
        as: admin,
      },
    );
    expect(revoke.status).toBe(204);
    const useRevoked = await api.request('POST', '/api/v1/invitations/accept', {
      body: { token: revokedOne.json.token, password: 'a-password-of-my-own' },
    });
    expect(useRevoked.status).toBe(410);
    const twice = await api.request('DELETE', `${ws}/invitations/${revokedOne.json.id as string}`, {
      as: admin,
    });
    expect(twice.status).toBe(404);

    const expiring = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: email(), role: 'agent' },
    });
    expect(Date.parse(expiring.json.expiresAt as string) - clock.getTime()).toBe(7 * 24 * 3600_000);
    clock = new Date(clock.getTime() + 7 * 24 * 3600_000 + 1000);
    admin = await api.login(acme.users.admin);
    const late = await api.request('POST', '/api/v1/invitations/accept', {
      body: { token: expiring.json.token, password: 'a-password-of-my-own' },
    });
    expect(late.status).toBe(410);
  });

  it('emails the link when SMTP is configured, with the public address', async () => {
    withMail();
    const address = email();
    const invited = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: address, role: 'viewer' },
    });
    expect(invited.status).toBe(202);
    expect(invited.json.emailed).toBe(true);
    const text = await mailTo(address);
    expect(text).toContain('https://earshot.example.test/invite#');
    const token = secretIn(text, 'esi');
    expect(token).toBe(invited.json.token);
    withoutMail();
  });

  it('lets only an owner invite an owner', async () => {
    const byAdmin = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: email(), role: 'owner' },
    });
    expect(byAdmin.status).toBe(403);
  });
});

describe('passwords', () => {
  it('changes a password with the current one, and ends every other session and its streams', async () => {
    const user = await seedUser(api.db, 'Changer');
    await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: user.email, role: 'agent' },
    });
    const here = await api.login(user);
    const elsewhere = await api.login(user);
    const stream = await openReadyStream(api, acme.workspaceId, elsewhere);

    const wrong = await api.request('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error?.code).toBe('wrong_password');
    const weak = await api.request('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: user.password, newPassword: 'too-short' },
    });
    expect(weak.status).toBe(400);

    const changed = await api.request('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: user.password, newPassword: 'a-brand-new-password' },
    });
    expect(changed.status).toBe(204);
    expect(await stream.ended()).toBe('closed');
    expect((await api.request('GET', '/api/v1/session', { as: elsewhere })).status).toBe(401);
    expect((await api.request('GET', '/api/v1/session', { as: here })).status).toBe(200);
    await expect(api.login(user)).rejects.toThrow(/401/);
    await api.login({ email: user.email, password: 'a-brand-new-password' });
  });

  it('answers a reset request the same whether or not the email has an account', async () => {
    withMail();
    const user = await seedUser(api.db, 'Forgetful');
    const known = await api.request('POST', '/api/v1/auth/password-reset', {
      body: { email: user.email },
    });
    const unknown = await api.request('POST', '/api/v1/auth/password-reset', {
      body: { email: 'nobody-here@example.test' },
    });
    expect([known.status, known.text]).toEqual([202, '']);
    expect([unknown.status, unknown.text]).toEqual([202, '']);
    expect(known.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
    await mailTo(user.email);
    expect(inbox.some((m) => m.to === 'nobody-here@example.test')).toBe(false);
    withoutMail();
  });

  it('resets a password by the emailed link once, within the hour, ending every session', async () => {
    withMail();
    const user = await seedUser(api.db, 'Resetter');
    const before = await api.login(user);
    await api.request('POST', '/api/v1/auth/password-reset', { body: { email: user.email } });
    const token = secretIn(await mailTo(user.email), 'esr')!;
    expect(token).toMatch(/^esr_/);
    const stored = await api.db.selectFrom('password_resets').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const confirmed = await api.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, newPassword: 'after-the-reset-pw' },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({ user: { email: user.email } });
    expect((await api.request('GET', '/api/v1/session', { as: before })).status).toBe(401);
    await api.login({ email: user.email, password: 'after-the-reset-pw' });

    const reused = await api.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, newPassword: 'yet-another-password' },
    });
    expect(reused.status).toBe(410);

    // A second link, used after its hour.
    inbox.length = 0;
    await api.request('POST', '/api/v1/auth/password-reset', { body: { email: user.email } });
    const late = secretIn(await mailTo(user.email), 'esr')!;
    clock = new Date(clock.getTime() + 61 * 60_000);
    const expired = await api.request('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token: late, newPassword: 'yet-another-password' },
    });
    expect(expired.status).toBe(410);
    expect(expired.json.error?.code).toBe('link_expired');
    withoutMail();
    admin = await api.login(acme.users.admin);
  });

  it('sends no reset link without SMTP, and stores none', async () => {
    withoutMail();
    const user = await seedUser(api.db, 'No mail');
    const answer = await api.request('POST', '/api/v1/auth/password-reset', {
      body: { email: user.email },
    });
    expect(answer.status).toBe(202);
    const rows = await api.db
      .selectFrom('password_resets')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
