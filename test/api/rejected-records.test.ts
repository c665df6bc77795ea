import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRejectedRecords } from '../../src/store/rejected-records.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let agent: Caller;
const path = () => `/api/v1/workspaces/${acme.workspaceId}/rejected-records`;

interface Item {
  id: string;
  channelId: string | null;
  source: string;
  reason: string;
  line: number | null;
  preview: string;
  payloadLength: number;
  truncated: boolean;
  createdAt: string;
}

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Acme');
  other = await seedWorkspace(api.db, 'Other');
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
  const lines = Array.from({ length: 5 }, (_, index) => ({
    source: 'twcs:tweets.csv',
    line: index + 2,
    reason: `line ${index + 2}: created_at is not a date`,
    payload: JSON.stringify({ file: 'tweets.csv', line: index + 2 }),
  }));
  await insertRejectedRecords(api.db, acme.workspaceId, null, lines);
  await insertRejectedRecords(api.db, acme.workspaceId, acme.channelAccountId, [
    {
      source: 'webhook:big',
      line: null,
      reason: 'invalid JSON',
      payload: `<script>alert(1)</script>${'é'.repeat(2000)}`,
    },
  ]);
  await insertRejectedRecords(api.db, other.workspaceId, null, [
    { source: 'twcs:other.csv', line: 9, reason: 'secret of Other', payload: 'other' },
  ]);
});
afterAll(async () => api?.close());

describe('rejected records', () => {
  it('lists every one of the workspace to its admins, page by page, and none of another', async () => {
    const seen: Item[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const query: string = after ? `?limit=2&after=${after}` : '?limit=2';
      const answer = await api.request('GET', `${path()}${query}`, { as: admin });
      expect(answer.status).toBe(200);
      const items = answer.json.items as Item[];
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items);
      after = answer.json.next as string | null;
      if (!after) break;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((item) => item.id)).size).toBe(6);
    expect(seen.map((item) => item.reason)).not.toContain('secret of Other');
    const fromFile = seen.find((item) => item.line === 3)!;
    expect(fromFile).toMatchObject({
      source: 'twcs:tweets.csv',
      reason: 'line 3: created_at is not a date',
      channelId: null,
      truncated: false,
    });
    expect(JSON.parse(fromFile.preview)).toEqual({ file: 'tweets.csv', line: 3 });
  });

  it('shows a large payload as a bounded preview of its text, saying it was cut', async () => {
    const answer = await api.request('GET', path(), { as: admin });
    const big = (answer.json.items as Item[]).find((item) => item.source === 'webhook:big')!;
    expect(big.channelId).toBe(acme.channelAccountId);
    expect(big.preview.startsWith('<script>alert(1)</script>')).toBe(true);
    expect(big.preview).toHaveLength(500);
    expect(big.payloadLength).toBe(2025);
    expect(big.truncated).toBe(true);
    expect(answer.headers.get('content-type')).toContain('application/json');
  });

  it('refuses agents, and a cursor that is not an id', async () => {
    const asAgent = await api.request('GET', path(), { as: agent });
    expect(asAgent.status).toBe(403);
    const bad = await api.request('GET', `${path()}?after=nope`, { as: admin });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe('validation_failed');
  });

  it("pages nothing from another workspace's record used as a cursor", async () => {
    const theirs = await api.db
      .selectFrom('rejected_records')
      .select('id')
      .where('workspace_id', '=', other.workspaceId)
      .executeTakeFirstOrThrow();
    const answer = await api.request('GET', `${path()}?after=${theirs.id}`, { as: admin });
    expect(answer.status).toBe(200);
    expect(answer.json.items).toEqual([]);
  });
});
