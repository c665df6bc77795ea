import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultDetectConfig,
  runAlertDetectionOnce,
} from '../../src/pipeline/alerts/alert-detect.ts';
import { systemActor } from '../../src/domain/events.ts';
import { saveAlertScanState } from '../../src/store/alerts/alert-scan.queries.ts';
import { appendEvents } from '../../src/store/events.repository.ts';
import { createEgress } from '../../src/security/egress.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let agent: Caller;
let viewer: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Alerts');
  other = await seedWorkspace(api.db, 'Elsewhere');
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
  viewer = await api.login(acme.users.viewer);
});
afterAll(async () => api?.close());
// Each test starts the detectors afresh: their memory is one row for the whole database.
beforeEach(async () => {
  await api.db.deleteFrom('alert_scan_state').execute();
});

const ws = (seeded: SeededWorkspace = acme) => `/api/v1/workspaces/${seeded.workspaceId}`;
const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);

async function alertsOf(kind: string, seeded: SeededWorkspace = acme) {
  return api.db
    .selectFrom('alerts')
    .selectAll()
    .where('workspace_id', '=', seeded.workspaceId)
    .where('kind', '=', kind as 'spike')
    .execute();
}

describe('alert detection', () => {
  it('turns an sla.breached event into one alert, with an alert.raised event', async () => {
    const { conversationId } = await addMention(api.db, acme, { text: 'Still waiting' });
    const now = new Date();
    await appendEvents(api.db, acme.workspaceId, [
      {
        type: 'sla.breached',
        actor: systemActor,
        conversationId,
        data: { target: 'first_response', dueAt: now.toISOString(), policy: 'One hour' },
        occurredAt: now,
      },
    ]);
    expect(await runAlertDetectionOnce(api.db, minutes(now, 1))).toBe(1);
    expect(await runAlertDetectionOnce(api.db, minutes(now, 2))).toBe(0);
    const [alert] = await alertsOf('sla_breach');
    expect(alert).toMatchObject({ conversation_id: conversationId });
    expect(alert!.summary).toMatch(
      /^SLA breached: first response was due .+ UTC \(policy “One hour”\)$/,
    );
    const raised = await api.db
      .selectFrom('events')
      .select(['data', 'conversation_id'])
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', '=', 'alert.raised')
      .execute();
    expect(raised).toEqual([
      { conversation_id: conversationId, data: expect.objectContaining({ alertId: alert!.id }) },
    ]);
    expect(await alertsOf('sla_breach', other)).toEqual([]);
  });

  it('still turns a breach into an alert after the detectors were down for hours', async () => {
    const { conversationId } = await addMention(api.db, acme, { text: 'Nobody answers' });
    const now = new Date();
    await saveAlertScanState(api.db, { scannedUntil: minutes(now, -180), spike: {} });
    await appendEvents(api.db, acme.workspaceId, [
      {
        type: 'sla.breached',
        actor: systemActor,
        conversationId,
        data: { target: 'resolution', dueAt: minutes(now, -121).toISOString(), policy: 'Day' },
        occurredAt: minutes(now, -120),
      },
    ]);
    expect(await runAlertDetectionOnce(api.db, now)).toBe(1);
    const breaches = await alertsOf('sla_breach');
    expect(breaches.map((alert) => alert.conversation_id)).toContain(conversationId);
  });

  it('raises a viral alert once for a post reposted fast, and none for a quiet one', async () => {
    const postedAt = minutes(new Date(), -5);
    const loud = await addMention(api.db, acme, {
      postedAt,
      engagement: { reposts: 40, likes: 90 },
    });
    await addMention(api.db, acme, { postedAt, engagement: { reposts: 2, likes: 5 } });
    const now = new Date();
    expect(await runAlertDetectionOnce(api.db, now)).toBe(1);
    expect(await runAlertDetectionOnce(api.db, minutes(now, 1))).toBe(0);
    const viral = await alertsOf('viral');
    expect(viral).toHaveLength(1);
    expect(viral[0]).toMatchObject({ mention_id: loud.mentionId, brand_id: acme.brandId });
    expect(viral[0]!.summary).toMatch(/reposted 40× in 5 min/);
  });

  it('raises a spike when a brand’s negative mentions jump above its usual rate', async () => {
    const config = {
      ...defaultDetectConfig,
      spike: { ...defaultDetectConfig.spike, warmupMinutes: 5, minNegatives: 3 },
    };
    const start = minutes(new Date(), 60);
    expect(await runAlertDetectionOnce(api.db, start, config)).toBe(0);
    // A quiet first window sets the usual rate (zero, floored at 2 an hour).
    expect(await runAlertDetectionOnce(api.db, minutes(start, 10), config)).toBe(0);
    for (let i = 0; i < 5; i += 1) {
      const { mentionId } = await addMention(api.db, acme, { text: `Broken again ${i}` });
      // Counted by when Earshot received it; the column is never updated by Earshot itself.
      await sql`update mentions set triage = '{"sentiment":"negative"}'::jsonb,
        received_at = ${minutes(start, 12)} where id = ${mentionId}`.execute(api.db);
    }
    expect(await runAlertDetectionOnce(api.db, minutes(start, 20), config)).toBe(1);
    expect(await runAlertDetectionOnce(api.db, minutes(start, 21), config)).toBe(0);
    const [spike] = await alertsOf('spike');
    expect(spike).toMatchObject({ brand_id: acme.brandId });
    expect(spike!.data).toMatchObject({ negative: 5, total: 5 });
    expect(await alertsOf('spike', other)).toEqual([]);
  });
});

describe('alerts API', () => {
  it('lists alerts newest first in pages, to viewers of the workspace only', async () => {
    const all = await api.request('GET', `${ws()}/alerts`, { as: viewer });
    expect(all.status, all.text).toBe(200);
    const items = all.json.items as Array<{ id: string; createdAt: string }>;
    expect(items.length).toBeGreaterThanOrEqual(3);
    const times = items.map((item) => item.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const first = await api.request('GET', `${ws()}/alerts?limit=2`, { as: viewer });
    expect(first.json.items).toEqual(items.slice(0, 2));
    const second = await api.request(
      'GET',
      `${ws()}/alerts?limit=2&before=${first.json.nextBefore as string}`,
      {
        as: viewer,
      },
    );
    expect(second.json.items).toEqual(items.slice(2, 4));
    const bad = await api.request('GET', `${ws()}/alerts?limit=0`, { as: viewer });
    expect(bad.status).toBe(400);
  });

  it('lets an agent acknowledge an alert once; a viewer may not', async () => {
    const [alert] = await alertsOf('viral');
    const path = `${ws()}/alerts/${alert!.id}/acknowledge`;
    expect((await api.request('POST', path, { as: viewer })).status).toBe(403);
    const done = await api.request('POST', path, { as: agent });
    expect(done.status, done.text).toBe(200);
    expect(done.json).toMatchObject({ acknowledgedBy: acme.users.agent.id });
    const again = await api.request('POST', path, { as: admin });
    expect(again.json.acknowledgedAt).toBe(done.json.acknowledgedAt);
    expect(again.json.acknowledgedBy).toBe(acme.users.agent.id);
    const elsewhere = await api.request('POST', `${ws(other)}/alerts/${alert!.id}/acknowledge`, {
      as: await api.login(other.users.agent),
    });
    expect(elsewhere.status).toBe(404);
  });

  it('manages destinations for admins, returning a webhook secret only when created', async () => {
    const path = `${ws()}/alert-destinations`;
    expect((await api.request('GET', path, { as: agent })).status).toBe(403);
    const hook = await api.request('POST', path, {
      as: admin,
      body: { kind: 'webhook', url: 'https://hooks.example.com/earshot' },
    });
    expect(hook.status, hook.text).toBe(201);
    expect(hook.json.secret).toMatch(/^[\w-]{32}$/);
    const mail = await api.request('POST', path, {
      as: admin,
      body: { kind: 'email', address: 'care-leads@example.com' },
    });
    expect(mail.json).toMatchObject({
      kind: 'email',
      target: 'care-leads@example.com',
      secret: null,
    });
    const listed = await api.request('GET', path, { as: admin });
    expect(listed.json.items).toHaveLength(2);
    expect(JSON.stringify(listed.json)).not.toContain(hook.json.secret as string);
    const stored = await api.db
      .selectFrom('alert_destinations')
      .select('secret_encrypted')
      .where('id', '=', hook.json.id as string)
      .executeTakeFirstOrThrow();
    expect(stored.secret_encrypted).not.toContain(hook.json.secret as string);

    const off = await api.request('PATCH', `${path}/${mail.json.id as string}`, {
      as: admin,
      body: { enabled: false },
    });
    expect(off.json).toMatchObject({ enabled: false });
    const wrong = await api.request('PATCH', `${path}/${mail.json.id as string}`, {
      as: admin,
      body: { url: 'https://x.example.com' },
    });
    expect(wrong.status).toBe(422);
    const badUrl = await api.request('POST', path, {
      as: admin,
      body: { kind: 'webhook', url: 'ftp://example.com/x' },
    });
    expect(badUrl.status).toBe(400);

    const test = await api.request('POST', `${path}/${mail.json.id as string}/test`, { as: admin });
    expect(test.status, test.text).toBe(202);
    expect(test.json).toMatchObject({ kind: 'test' });
    const log = await api.request('GET', `${path}/${mail.json.id as string}/deliveries`, {
      as: admin,
    });
    expect(log.json.items).toEqual([
      expect.objectContaining({ alertId: test.json.id, status: 'pending', attempts: 0 }),
    ]);

    const removeMail = () =>
      api.request('DELETE', `${path}/${mail.json.id as string}`, { as: admin });
    expect((await removeMail()).status).toBe(204);
    expect((await removeMail()).status).toBe(204);
    // The test alert waiting for it ends failed, with the reason; the destination is gone.
    const after = await api.request('GET', `${path}/${mail.json.id as string}/deliveries`, {
      as: admin,
    });
    expect(after.json.error?.code).toBe('alert_destination_not_found');
    const delivery = await api.db
      .selectFrom('alert_deliveries')
      .select(['status', 'last_error'])
      .where('alert_id', '=', test.json.id as string)
      .executeTakeFirstOrThrow();
    expect(delivery).toEqual({ status: 'failed', last_error: 'the destination was removed' });
    expect((await api.request('GET', path, { as: admin })).json.items).toEqual([
      expect.objectContaining({ id: hook.json.id }),
    ]);
  });
});

describe('alert webhooks at internal addresses', () => {
  it('are refused with 422 when added or changed, unless the operator allows them', async () => {
    const path = `${ws()}/alert-destinations`;
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/hook',
      'http://[::1]/hook',
      'http://[fd00:ec2::254]/',
      'http://2130706433/hook',
      'http://localhost:3000/hook',
    ]) {
      const refused = await api.request('POST', path, {
        as: admin,
        body: { kind: 'webhook', url },
      });
      expect(refused.status, url).toBe(422);
      expect(refused.json.error).toMatchObject({
        code: 'validation_failed',
        details: { field: 'url' },
      });
      expect(refused.json.error!.message).toContain('EARSHOT_ALLOW_PRIVATE_EGRESS');
    }
    const hook = await api.request('POST', path, {
      as: admin,
      body: { kind: 'webhook', url: 'https://hooks.example.com/internal-check' },
    });
    expect(hook.status).toBe(201);
    const change = (url: string) =>
      api.request('PATCH', `${path}/${hook.json.id as string}`, { as: admin, body: { url } });
    const moved = await change('http://192.168.1.20/hook');
    expect(moved.status).toBe(422);
    expect(moved.json.error!.message).toMatch(
      /^The webhook's URL is refused: 192\.168\.1\.20 is a private address/,
    );

    // Plain http to a public host is refused too.
    expect((await change('http://hooks.example.com/plain')).json.error!.message).toMatch(
      /is not https/,
    );
    // The operator's opt-in (EARSHOT_ALLOW_PRIVATE_EGRESS), as the server passes it on.
    api.deps.alertEgress = createEgress({ allowPrivate: true });
    try {
      expect((await change('http://192.168.1.20/hook')).json).toMatchObject({
        target: 'http://192.168.1.20/hook',
      });
      const local = await api.request('POST', path, {
        as: admin,
        body: { kind: 'webhook', url: 'http://127.0.0.1:8080/hook' },
      });
      expect(local.status).toBe(201);
    } finally {
      delete api.deps.alertEgress;
    }
  });
});

describe('alerts in the browser', () => {
  it('reach the workspace’s event stream as alert.raised', async () => {
    const stream = await api.app.request(`/api/v1/events?workspace=${acme.workspaceId}`, {
      headers: { cookie: viewer.cookie! },
    });
    const reader = stream.body!.getReader();
    try {
      const destination = await api.request('POST', `${ws()}/alert-destinations`, {
        as: admin,
        body: { kind: 'email', address: 'stream@example.com' },
      });
      const test = await api.request(
        'POST',
        `${ws()}/alert-destinations/${destination.json.id as string}/test`,
        { as: admin },
      );
      expect(test.status).toBe(202);
      let text = '';
      const decoder = new TextDecoder();
      while (!text.includes('event: alert.raised')) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
      expect(text).toContain('event: alert.raised');
      expect(text).toContain(`"workspaceId":"${acme.workspaceId}"`);
    } finally {
      await reader.cancel();
    }
  });
});
