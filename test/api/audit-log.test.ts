import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Issue 17, point 8: every change to configuration and access is in the audit log, with who,
// when, from where and before → after; secrets never; admins only; append-only.

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => api?.close());

interface Entry {
  id: string;
  at: string;
  actor: { userId: string | null; tokenId: string | null; label: string };
  kind: string;
  target: { type: string; id: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
}

const base = (seeded: SeededWorkspace) => `/api/v1/workspaces/${seeded.workspaceId}`;

async function auditLog(seeded: SeededWorkspace, as: Caller, query = '') {
  const answer = await api.request('GET', `${base(seeded)}/audit-log${query}`, { as });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as unknown as { items: Entry[]; nextBefore: string | null };
}

describe('the audit log', () => {
  it('records a role change with before, after, actor and browser, and shows it to admins only', async () => {
    const acme = await seedWorkspace(api.db, 'Audit');
    const owner = await api.login(acme.users.owner);
    const changed = await api.request('PUT', `${base(acme)}/members/${acme.users.agent.id}/role`, {
      as: owner,
      body: { role: 'viewer' },
      headers: { 'user-agent': 'AuditTest/1.0' },
    });
    expect(changed.status, changed.text).toBe(200);

    const { items } = await auditLog(acme, owner, '?kind=member.role_changed');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'member.role_changed',
      actor: { userId: acme.users.owner.id, label: acme.users.owner.email },
      target: { type: 'user', id: acme.users.agent.id },
      before: { role: 'agent' },
      after: { role: 'viewer' },
      userAgent: 'AuditTest/1.0',
    });

    const admin = await api.login(acme.users.admin);
    expect((await auditLog(acme, admin)).items.length).toBeGreaterThan(0);
    for (const role of ['agent', 'viewer'] as const) {
      const caller = await api.login(acme.users[role]);
      const refused = await api.request('GET', `${base(acme)}/audit-log`, { as: caller });
      expect(refused.status).toBe(403);
    }
  });

  it('never shows one workspace’s entries to another', async () => {
    const acme = await seedWorkspace(api.db, 'AuditA');
    const other = await seedWorkspace(api.db, 'AuditB');
    const acmeOwner = await api.login(acme.users.owner);
    await api.request('PUT', `${base(acme)}/members/${acme.users.agent.id}/role`, {
      as: acmeOwner,
      body: { role: 'viewer' },
    });
    const otherOwner = await api.login(other.users.owner);
    const theirs = await auditLog(other, otherOwner, '?kind=member');
    expect(theirs.items).toEqual([]);
    const peek = await api.request('GET', `${base(acme)}/audit-log`, { as: otherOwner });
    expect(peek.status).toBe(404);
  });

  it('records sign-ins and failed sign-ins (the address tried, never the password)', async () => {
    const acme = await seedWorkspace(api.db, 'AuditSignIn');
    const wrong = await api.request('POST', '/api/v1/auth/login', {
      body: { email: acme.users.agent.email, password: 'not-the-password-123' },
    });
    expect(wrong.status).toBe(401);
    await api.login(acme.users.agent);
    const owner = await api.login(acme.users.owner);
    const { items } = await auditLog(acme, owner, '?kind=auth');
    const failed = items.find((entry) => entry.kind === 'auth.sign_in_failed');
    expect(failed).toMatchObject({
      actor: { userId: null, label: acme.users.agent.email },
      after: { email: acme.users.agent.email },
    });
    expect(JSON.stringify(items)).not.toContain('not-the-password-123');
    const signedIn = items.filter((entry) => entry.kind === 'auth.signed_in');
    expect(signedIn.map((entry) => entry.actor.userId)).toContain(acme.users.agent.id);
  });

  it('records tokens, invitations, channels and brands without their secrets', async () => {
    const acme = await seedWorkspace(api.db, 'AuditSecrets');
    const admin = await api.login(acme.users.admin);
    const token = await api.request('POST', '/api/v1/tokens', {
      as: admin,
      body: { name: 'nightly export', scope: 'read' },
    });
    expect(token.status, token.text).toBe(201);
    const invited = await api.request('POST', `${base(acme)}/members`, {
      as: admin,
      body: { email: 'newcomer@example.test', role: 'agent' },
    });
    expect(invited.status, invited.text).toBe(202);
    const secret = 'webhook-secret-that-must-never-be-logged-0123456789';
    const channel = await api.request('POST', `${base(acme)}/channels`, {
      as: admin,
      body: {
        network: 'webhook',
        brandId: acme.brandId,
        name: 'Contact form',
        credentials: { name: 'Shop form', secret },
      },
    });
    expect(channel.status, channel.text).toBe(201);
    const rotated = 'a-rotated-webhook-secret-also-never-logged-98765';
    const updated = await api.request('PATCH', `${base(acme)}/channels/${channel.json.id}`, {
      as: admin,
      body: { name: 'Contact form (shop)', credentials: { name: 'Shop form', secret: rotated } },
    });
    expect(updated.status, updated.text).toBe(200);
    for (const action of ['pause', 'resume']) {
      const done = await api.request(
        'POST',
        `${base(acme)}/channels/${channel.json.id}/${action}`,
        { as: admin },
      );
      expect(done.status, done.text).toBe(200);
    }
    const brand = await api.request('PATCH', `${base(acme)}/brands/${acme.brandId}`, {
      as: admin,
      body: { keywords: ['acme', 'acme shoes'] },
    });
    expect(brand.status, brand.text).toBe(200);

    const { items } = await auditLog(acme, admin);
    const kinds = items.map((entry) => entry.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'token.created',
        'invitation.created',
        'channel.connected',
        'channel.updated',
        'channel.paused',
        'channel.resumed',
        'brand.updated',
      ]),
    );
    const everything = JSON.stringify(items);
    for (const secretValue of [
      token.json.token as string,
      invited.json.token as string,
      secret,
      rotated,
    ])
      expect(everything).not.toContain(secretValue);
    const channelUpdate = items.find((entry) => entry.kind === 'channel.updated')!;
    expect(channelUpdate.before).toMatchObject({ name: 'Contact form' });
    expect(channelUpdate.after).toMatchObject({
      name: 'Contact form (shop)',
      credentials: ['name', 'secret'],
    });
    const brandUpdate = items.find((entry) => entry.kind === 'brand.updated')!;
    expect(brandUpdate.before).toMatchObject({ keywords: ['acme'] });
    expect(brandUpdate.after).toMatchObject({ keywords: ['acme', 'acme shoes'] });
    expect(items.find((entry) => entry.kind === 'token.created')!.after).toMatchObject({
      name: 'nightly export',
      scope: 'read',
    });
  });

  it('records routing rules, canned responses and alert destinations, hiding a webhook’s secret and path', async () => {
    const acme = await seedWorkspace(api.db, 'AuditSettings');
    const admin = await api.login(acme.users.admin);
    const rule = await api.request('POST', `${base(acme)}/routing/rules`, {
      as: admin,
      body: { name: 'Complaints', when: [{ field: 'complaint', is: true }], then: { tags: ['c'] } },
    });
    expect(rule.status, rule.text).toBe(201);
    const removed = await api.request('DELETE', `${base(acme)}/routing/rules/${rule.json.id}`, {
      as: admin,
    });
    expect(removed.status, removed.text).toBe(204);
    const canned = await api.request('POST', `${base(acme)}/canned-responses`, {
      as: admin,
      body: { name: 'Refund', body: 'Hi {{customer.name}}' },
    });
    expect(canned.status, canned.text).toBe(201);
    const hookPath = 'T0001/B0002/secret-path-part-never-logged';
    const destination = await api.request('POST', `${base(acme)}/alert-destinations`, {
      as: admin,
      body: { kind: 'webhook', url: `https://hooks.example.com/${hookPath}` },
    });
    expect(destination.status, destination.text).toBe(201);

    const { items } = await auditLog(acme, admin);
    const kinds = items.map((entry) => entry.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'routing_rule.created',
        'routing_rule.removed',
        'canned_response.created',
        'alert_destination.created',
      ]),
    );
    const everything = JSON.stringify(items);
    expect(everything).not.toContain(hookPath);
    expect(everything).not.toContain(destination.json.secret as string);
    expect(items.find((entry) => entry.kind === 'alert_destination.created')!.after).toEqual({
      kind: 'webhook',
      target: 'https://hooks.example.com/…',
      enabled: true,
      secret: '[secret]',
    });
    expect(items.find((entry) => entry.kind === 'routing_rule.removed')!.before).toMatchObject({
      name: 'Complaints',
    });
  });

  it('filters by actor, kind and time, and pages with before', async () => {
    const acme = await seedWorkspace(api.db, 'AuditFilters');
    const owner = await api.login(acme.users.owner);
    const admin = await api.login(acme.users.admin);
    for (const role of ['viewer', 'agent', 'viewer'] as const)
      await api.request('PUT', `${base(acme)}/members/${acme.users.agent.id}/role`, {
        as: owner,
        body: { role },
      });
    await api.request('PUT', `${base(acme)}/members/${acme.users.viewer.id}/role`, {
      as: admin,
      body: { role: 'agent' },
    });
    const byAdmin = await auditLog(acme, owner, `?actorId=${acme.users.admin.id}&kind=member`);
    expect(byAdmin.items.map((entry) => entry.target?.id)).toEqual([acme.users.viewer.id]);

    const first = await auditLog(acme, owner, '?kind=member.role_changed&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextBefore).toBe(first.items[1]!.id);
    const second = await auditLog(
      acme,
      owner,
      `?kind=member.role_changed&limit=2&before=${first.nextBefore}`,
    );
    expect(second.items).toHaveLength(2);
    expect(Number(second.items[0]!.id)).toBeLessThan(Number(first.items[1]!.id));

    const future = await auditLog(acme, owner, '?from=2999-01-01T00:00:00Z');
    expect(future.items).toEqual([]);
    const past = await auditLog(acme, owner, '?to=2000-01-01T00:00:00Z');
    expect(past.items).toEqual([]);

    const bad = await api.request('GET', `${base(acme)}/audit-log?kind=DROP%20TABLE`, {
      as: owner,
    });
    expect(bad.status).toBe(400);
  });

  it('answers CSV, with cells a spreadsheet would run as formulas defused', async () => {
    const acme = await seedWorkspace(api.db, 'AuditCsv');
    const owner = await api.login(acme.users.owner);
    const brand = await api.request('PATCH', `${base(acme)}/brands/${acme.brandId}`, {
      as: owner,
      body: { name: '=HYPERLINK("http://evil.example","x")' },
    });
    expect(brand.status, brand.text).toBe(200);
    const csv = await api.request('GET', `${base(acme)}/audit-log?format=csv`, { as: owner });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = csv.text.trim().split('\r\n');
    expect(header).toBe(
      'id,at,actor,actor_user_id,actor_token_id,kind,target_type,target_id,changed,before,after,ip_address,user_agent',
    );
    expect(rows.some((row) => row.includes('brand.updated'))).toBe(true);
    expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);

    const accepted = await api.request('GET', `${base(acme)}/audit-log`, {
      as: owner,
      headers: { accept: 'text/csv' },
    });
    expect(accepted.headers.get('content-type')).toMatch(/^text\/csv/);
  });

  it('refuses to update, delete or truncate an entry', async () => {
    const acme = await seedWorkspace(api.db, 'AuditAppendOnly');
    const owner = await api.login(acme.users.owner);
    await api.request('PUT', `${base(acme)}/members/${acme.users.agent.id}/role`, {
      as: owner,
      body: { role: 'viewer' },
    });
    await expect(
      sql`update audit_log set kind = 'nothing' where workspace_id = ${acme.workspaceId}`.execute(
        api.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_log where workspace_id = ${acme.workspaceId}`.execute(api.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(api.db)).rejects.toThrow(/append-only/);
    expect((await auditLog(acme, owner, '?kind=member')).items).toHaveLength(1);
  });
});
