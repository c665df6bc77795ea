import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../../src/pipeline/demo/demo.ts';
import { demoCampaignPosts } from '../../src/pipeline/demo/demo-campaign.ts';
import { demoCompetitorPosts, demoPosts } from '../../src/pipeline/demo/demo-data.ts';
import { generateDemoHistory } from '../../src/pipeline/demo/demo-history.ts';
import { createTriageAssess } from '../../src/pipeline/intake/assess.ts';
import { loadTriageModels } from '../../src/triage/models.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { seedUser } from '../helpers/seed.ts';

// A Monday evening in Denver; the demo's history is the 90 days before it.
const now = new Date('2026-11-23T18:00:00Z');
const dayMs = 86_400_000;
let api: TestApi;
let owner: Caller;
let workspaceId: string;
let brandId: string;
const range = `from=${new Date(now.getTime() - 91 * dayMs).toISOString()}&to=${now.toISOString()}`;

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  const user = await seedUser(api.db, 'Demo owner');
  const seeded = await seedDemoWorkspace(
    api.db,
    user.id,
    now,
    createTriageAssess(loadTriageModels()),
  );
  workspaceId = seeded.workspace.id;
  brandId = seeded.brand.id;
  owner = await api.login(user);
}, 600_000);

afterAll(() => api?.close());

async function get(path: string) {
  const answer = await api.request('GET', `/api/v1/workspaces/${workspaceId}/${path}`, {
    as: owner,
  });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as Record<string, unknown>;
}

describe('the demo workspace on first start', () => {
  it('ships SLA policies, business hours and canned responses', async () => {
    const policies = await get('sla-policies');
    expect(JSON.stringify(policies)).toContain('within the hour');
    const canned = (await get('canned-responses')).items as Array<{ body: string }>;
    expect(canned.length).toBeGreaterThanOrEqual(4);
    expect(canned.some((item) => item.body.includes('{{customer.name}}'))).toBe(true);
    const hours = await api.db
      .selectFrom('team_business_hours')
      .select(['always_open'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(hours.map((row) => row.always_open).sort()).toEqual([false, false, true]);
  });

  it('holds about 90 days of history, thousands of mentions on both brands', async () => {
    const rows = await api.db
      .selectFrom('mentions as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .innerJoin('brands as b', 'b.id', 'c.brand_id')
      .select(['b.is_competitor', 'm.posted_at', 'm.network'])
      .where('m.workspace_id', '=', workspaceId)
      .execute();
    expect(rows.length).toBeGreaterThan(2500);
    const competitor = rows.filter((row) => row.is_competitor);
    expect(competitor.length).toBeGreaterThan(500);
    const oldest = Math.min(...rows.map((row) => row.posted_at.getTime()));
    expect((now.getTime() - oldest) / dayMs).toBeGreaterThan(88);
    expect(new Set(rows.map((row) => row.network))).toEqual(
      new Set(['x', 'bluesky', 'mastodon', 'google_reviews', 'facebook', 'instagram']),
    );
  });

  it('keeps the live conversations as the only open ones', async () => {
    const open = await api.db
      .selectFrom('conversations as c')
      .innerJoin('brands as b', 'b.id', 'c.brand_id')
      .select(['c.preview'])
      .where('c.workspace_id', '=', workspaceId)
      .where('b.is_competitor', '=', false)
      .where('c.status', '!=', 'resolved')
      .execute();
    const live = new Set(
      [...demoPosts, ...demoCompetitorPosts]
        .filter((post) => !post.replyTo)
        .map((post) => post.text.slice(0, 30)),
    );
    // The contest's shares are heard as mentions too, each possibly a thread of its own.
    for (const post of demoCampaignPosts) live.add(post.text.slice(0, 30));
    expect(open.length).toBeGreaterThan(8);
    for (const row of open) expect(live).toContain(row.preview.slice(0, 30));
    const inbox = (await get('conversations?view=all')).items as Array<{ preview: string }>;
    expect(inbox.length).toBeGreaterThan(8);
    for (const item of inbox) expect(live).toContain(item.preview.slice(0, 30));
  });

  it('shows live conversations at risk of missing their SLA', async () => {
    const atRisk = (await get('conversations?view=sla_at_risk')).items as unknown[];
    expect(atRisk.length).toBeGreaterThan(0);
  });

  it('runs a share contest with counted shares, so the campaigns page is not empty', async () => {
    const [campaign] = (await get('campaigns')).items as Array<{ id: string }>;
    const detail = await get(`campaigns/${campaign!.id}`);
    const board = detail.leaderboard as Array<{ authorHandle: string; shares: number }>;
    expect(board[0]).toMatchObject({ authorHandle: 'ana.flies.bsky.social', shares: 3 });
    // The post without the hashtag is heard but does not count.
    expect((detail.report as { shares: number }).shares).toBe(8);
  });

  it('has an ideas board: customers’ suggestions promoted, each holding the posts that asked', async () => {
    const ideas = (await get('ideas')).items as Array<{
      title: string;
      status: string;
      votes: number;
      mentionCount: number;
    }>;
    expect(ideas.length).toBeGreaterThanOrEqual(3);
    for (const idea of ideas) expect(idea.mentionCount).toBeGreaterThan(0);
    // Most voted first; the live post about family seats is in the top one.
    expect(ideas[0]!.title).toMatch(/whole family/);
    expect(ideas[0]!.votes).toBeGreaterThan(ideas.at(-1)!.votes);
    expect(new Set(ideas.map((idea) => idea.status)).size).toBeGreaterThan(1);
  });

  it('gives every report a shape over the last 90 days', async () => {
    const responses = await get(`reports/responses?${range}`);
    expect(responses).toMatchObject({ answered: expect.any(Number) });
    expect(responses.answered as number).toBeGreaterThan(500);
    const firstResponse = responses.firstResponse as {
      medianSeconds: number;
      withinHourShare: number;
    };
    // Mostly within the hour, with a tail.
    expect(firstResponse.medianSeconds).toBeLessThan(3600);
    expect(firstResponse.withinHourShare).toBeGreaterThan(0.6);
    expect(firstResponse.withinHourShare).toBeLessThan(0.95);
    // Customers who wrote back to an answer were answered again: the next response has figures.
    const nextResponse = responses.nextResponse as { count: number; medianSeconds: number };
    expect(nextResponse.count).toBeGreaterThan(50);
    expect(nextResponse.medianSeconds).toBeGreaterThan(0);
    expect(nextResponse.medianSeconds).toBeLessThan(3 * 3600);

    const volume = (await get(`reports/volume?${range}`)).items as Array<{
      dimension: string;
      value: string | null;
    }>;
    const intents = volume.filter((item) => item.dimension === 'socialIntent');
    expect(intents.length).toBeGreaterThanOrEqual(3);

    const sentiment = (await get(`reports/sentiment?${range}`)).items as Array<{
      negative: number;
      positive: number;
    }>;
    expect(sentiment.filter((day) => day.negative + day.positive > 0).length).toBeGreaterThan(80);

    const sla = await get(`reports/sla?${range}`);
    expect(sla.withFirstResponseTarget as number).toBeGreaterThan(1000);
    expect(sla.withinSlaShare as number).toBeGreaterThan(0.5);
    expect(sla.withinSlaShare as number).toBeLessThan(1);

    const csat = await get(`reports/csat?${range}`);
    expect(csat.responses as number).toBeGreaterThan(300);
    const scores = (csat.distribution as Array<{ responses: number }>).map((s) => s.responses);
    expect(scores.every((n) => n > 0)).toBe(true);

    const competitors = (await get(`reports/competitors?${range}`)).items as Array<{
      brandId: string;
      isCompetitor: boolean;
      shareOfVoice: number | null;
    }>;
    const ours = competitors.find((item) => item.brandId === brandId)!;
    const theirs = competitors.find((item) => item.isCompetitor)!;
    expect(ours.shareOfVoice).toBeGreaterThan(0.5);
    expect(theirs.shareOfVoice).toBeGreaterThan(0.1);
  });

  it('is the same history for the same now, as stored', async () => {
    // Each post, then the customer's follow-up to our answer where there is one.
    const withFollowUps = (days: ReturnType<typeof generateDemoHistory>) =>
      days.flat().flatMap((post) => (post.followUp ? [post, post.followUp] : [post]));
    const first = withFollowUps(generateDemoHistory(now));
    const second = withFollowUps(generateDemoHistory(now));
    expect(first.filter((post) => post.replyToKey).length).toBeGreaterThan(50);
    expect(second).toEqual(first);
    const stored = await api.db
      .selectFrom('mentions')
      .select(['text'])
      .where('workspace_id', '=', workspaceId)
      .where('external_id', 'like', 'demo-h%')
      .orderBy('posted_at')
      .orderBy('external_id')
      .execute();
    const generated = first.toSorted(
      (a, b) =>
        a.postedAt.getTime() - b.postedAt.getTime() ||
        `demo-${a.key}`.localeCompare(`demo-${b.key}`),
    );
    expect(stored.map((row) => row.text)).toEqual(generated.map((post) => post.text));
  });
});
