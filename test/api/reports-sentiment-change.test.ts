import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let viewer: Caller;
const path = (seeded: SeededWorkspace) =>
  `/api/v1/workspaces/${seeded.workspaceId}/reports/sentiment-change?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z`;

/** A customer post, the brand's answer on the network and the customer's next post (no triage: unlabelled). */
async function exchange(seeded: SeededWorkspace) {
  const asked = await addMention(api.db, seeded, { postedAt: new Date('2026-03-02T09:00:00Z') });
  const thread = {
    parentExternalId: asked.mention.externalId,
    rootExternalId: asked.mention.externalId,
  };
  await addMention(api.db, seeded, {
    postedAt: new Date('2026-03-02T09:15:00Z'),
    fromBrand: true,
    author: { externalId: 'did:plc:brand', handle: 'brand.test' },
    ...thread,
  });
  await addMention(api.db, seeded, {
    postedAt: new Date('2026-03-02T09:30:00Z'),
    author: asked.mention.author,
    ...thread,
  });
}

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'ChangeApi');
  other = await seedWorkspace(api.db, 'ChangeOthers');
  await exchange(acme);
  await exchange(other);
  viewer = await api.login(acme.users.viewer);
});

afterAll(() => api.close());

describe('GET reports/sentiment-change', () => {
  it("lets a viewer read the workspace's own conversations, as JSON and CSV", async () => {
    const response = await api.request('GET', path(acme), { as: viewer });
    expect(response.status, response.text).toBe(200);
    expect(response.json.items).toEqual([
      expect.objectContaining({ dimension: 'all', answered: 1, wroteAgain: 1, unlabelled: 1 }),
      expect.objectContaining({ dimension: 'brand', key: acme.brandId, answered: 1 }),
      expect.objectContaining({ dimension: 'network', key: 'bluesky', answered: 1 }),
      expect.objectContaining({ dimension: 'team', key: null, answered: 1 }),
    ]);
    const csv = await api.request('GET', `${path(acme)}&format=csv`, { as: viewer });
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toBe(
      'dimension,key,label,answered,wroteAgain,improved,same,worse,unlabelled,meanScoreChange,scored',
    );
    expect(csv.text).toContain('all,,,1,1,0,0,0,1,,0');
  });

  it("refuses another workspace's report", async () => {
    const response = await api.request('GET', path(other), { as: viewer });
    expect(response.status).toBe(404);
  });
});
