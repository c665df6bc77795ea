import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawWinners } from '../../src/domain/campaign-draw.ts';
import type { LeaderboardEntry } from '../../src/domain/campaign-leaderboard.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { startTwoWorkspaces } from '../helpers/two-workspaces.ts';
import { summerCampaignBody } from '../helpers/campaigns.ts';
import { addMention } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface Detail {
  id: string;
  tieBreak: string;
  leaderboard: Array<{ authorExternalId: string; shares: number; entries: number }>;
  shares: Array<{ mentionId: string; authorHandle: string; url: string | null }>;
  report: { shares: number; uniqueSharers: number; reach: number; costPerShareCents: number };
  draws: Array<{ id: string; seed: string | null; winnerIds: string[] }>;
}

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let agent: Caller;
let viewer: Caller;
let stranger: Caller;

beforeAll(async () => {
  ({ api, acme, other, admin, agent, viewer, stranger } = await startTwoWorkspaces('Contest'));
});
afterAll(async () => api?.close());

const campaigns = (ws: SeededWorkspace) => `/api/v1/workspaces/${ws.workspaceId}/campaigns`;
const brandPost = 'at://did:plc:brand/app.bsky.feed.post/summer';
const startsAt = new Date(Date.now() - 24 * 3600_000);

function share(ws: SeededWorkspace, who: string, text: string, minutesIn: number, followers = 100) {
  return addMention(api.db, ws, {
    text,
    author: { externalId: `did:plc:${who}`, handle: `${who}.test`, followers },
    url: `https://bsky.app/profile/${who}.test/post/${minutesIn}`,
    postedAt: new Date(startsAt.getTime() + minutesIn * 60_000),
    parentExternalId: brandPost,
    rootExternalId: brandPost,
  });
}

/** Creates a campaign on the brand post in `ws` (its brand unless `brandId` says otherwise). */
async function createCampaign(ws: SeededWorkspace, as: Caller, over: Record<string, unknown> = {}) {
  return api.request('POST', campaigns(ws), {
    as,
    body: summerCampaignBody(ws, brandPost, startsAt, { budgetCents: 9000, ...over }),
  });
}

describe('share contests', () => {
  it('counts replies with the hashtag, ranks them and reports reach and cost', async () => {
    await share(acme, 'ann', 'me! #summer', 10, 50);
    await share(acme, 'ann', 'again #Summer', 20, 50);
    await share(acme, 'bob', 'pick me #summer', 5, 200);
    await share(acme, 'staff', 'we love it #summer', 1);
    await share(acme, 'carl', 'no tag here', 2);
    await share(other, 'eve', 'other workspace #summer', 3);
    const created = await createCampaign(acme, admin);
    expect(created.status).toBe(201);
    const detail = created.json as unknown as Detail;
    expect(detail.leaderboard.map((e) => [e.authorExternalId, e.shares])).toEqual([
      ['did:plc:ann', 2],
      ['did:plc:bob', 1],
    ]);
    expect(detail.shares.map((s) => s.authorHandle)).toEqual(['bob.test', 'ann.test', 'ann.test']);
    expect(detail.shares[0]!.url).toBe('https://bsky.app/profile/bob.test/post/5');
    expect(detail.report).toMatchObject({
      shares: 3,
      uniqueSharers: 2,
      reach: 250,
      costPerShareCents: 3000,
    });
    expect(detail.tieBreak).toContain('earliest first share');
    const listed = await api.request('GET', campaigns(acme), { as: viewer });
    expect((listed.json.items as Array<{ id: string }>).map((c) => c.id)).toContain(detail.id);
  });

  it('records a random draw with its seed, and the seed repeats it', async () => {
    const { json } = await createCampaign(acme, admin);
    const id = json.id as string;
    const drawn = await api.request('POST', `${campaigns(acme)}/${id}/draws`, {
      as: admin,
      body: { method: 'random', winners: 1, seed: 'published-2026' },
    });
    expect(drawn.status).toBe(201);
    const entrantIds = drawn.json.entrantIds as string[];
    expect(entrantIds).toEqual(['did:plc:ann', 'did:plc:bob']);
    const board = entrantIds.map((authorExternalId) => ({ authorExternalId, entries: 1 }));
    const repeated = drawWinners(board as LeaderboardEntry[], 'random', 1, 'published-2026');
    expect(drawn.json.winnerIds).toEqual(repeated.winnerIds);
    const detail = (await api.request('GET', `${campaigns(acme)}/${id}`, { as: viewer }))
      .json as unknown as Detail;
    expect(detail.draws.map((d) => [d.seed, d.winnerIds])).toEqual([
      ['published-2026', repeated.winnerIds],
    ]);
    const unseeded = await api.request('POST', `${campaigns(acme)}/${id}/draws`, {
      as: admin,
      body: { method: 'random', winners: 2 },
    });
    expect(unseeded.json.seed).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lets only admins create and draw, and refuses a window that ends before it starts', async () => {
    expect((await createCampaign(acme, agent)).status).toBe(403);
    const { json } = await createCampaign(acme, admin);
    const draw = { method: 'most_shares', winners: 1 };
    const byAgent = await api.request('POST', `${campaigns(acme)}/${json.id as string}/draws`, {
      as: agent,
      body: draw,
    });
    expect(byAgent.status).toBe(403);
    const backwards = await createCampaign(acme, admin, {
      startsAt: new Date().toISOString(),
      endsAt: startsAt.toISOString(),
    });
    expect(backwards.status).toBe(422);
  });

  it('never shows or draws another workspace’s campaign, nor uses its brand', async () => {
    const { json } = await createCampaign(acme, admin);
    const path = `${campaigns(acme)}/${json.id as string}`;
    expect((await api.request('GET', path, { as: stranger })).status).toBe(404);
    const elsewhere = `${campaigns(other)}/${json.id as string}`;
    expect((await api.request('GET', elsewhere, { as: stranger })).status).toBe(404);
    const draw = await api.request('POST', `${elsewhere}/draws`, {
      as: stranger,
      body: { method: 'most_shares', winners: 1 },
    });
    expect(draw.status).toBe(404);
    const theirs = await api.request('GET', campaigns(other), { as: stranger });
    expect(theirs.json.items).toEqual([]);
    const borrowed = await createCampaign(other, stranger, { brandId: acme.brandId });
    expect(borrowed.status).toBe(404);
  });
});
