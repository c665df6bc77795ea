import { z } from '@hono/zod-openapi';
import { campaignStanding } from '../../app/campaigns/campaign-standing.ts';
import type { CampaignStanding } from '../../app/campaigns/campaign-standing.ts';
import { createCampaign } from '../../app/campaigns/create-campaign.ts';
import { drawCampaignWinners } from '../../app/campaigns/draw-campaign-winners.ts';
import { leaderboardTieBreak } from '../../domain/campaign-leaderboard.ts';
import { listCampaigns, listDraws } from '../../store/campaigns.repository.ts';
import type { StoredCampaign } from '../../store/campaigns.repository.ts';
import type { AppEnv } from '../context.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  CampaignDetailSchema,
  CampaignParams,
  CampaignSchema,
  CreateCampaignBody,
  DrawBody,
  DrawSchema,
} from '../schemas/campaigns.schema.ts';

const tags = ['campaigns'];
const base = '/api/v1/workspaces/{workspaceId}/campaigns';

const list = defineRoute({
  method: 'get',
  path: base,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'Share contests, latest start first',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(CampaignSchema) }), 'Campaigns') },
});
const create = defineRoute({
  method: 'post',
  path: base,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: "Start a share contest on the brand's own posts",
  request: { params: WorkspaceParams, ...jsonBody(CreateCampaignBody) },
  responses: { 201: jsonResponse(CampaignDetailSchema, 'The new campaign') },
});
const detail = defineRoute({
  method: 'get',
  path: `${base}/{campaignId}`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'A campaign with its leaderboard, every counted share with its link, report and draws',
  request: { params: CampaignParams },
  responses: { 200: jsonResponse(CampaignDetailSchema, 'The campaign') },
});
const draw = defineRoute({
  method: 'post',
  path: `${base}/{campaignId}/draws`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Pick winners (most shares, or a random draw from a published seed) and record it',
  request: { params: CampaignParams, ...jsonBody(DrawBody) },
  responses: { 201: jsonResponse(DrawSchema, 'The recorded draw') },
});

function campaignJson(campaign: StoredCampaign) {
  return {
    id: campaign.id,
    name: campaign.name,
    brandId: campaign.brandId,
    posts: campaign.posts.map((post) => ({ network: post.network, externalId: post.externalId })),
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt.toISOString(),
    requiredHashtag: campaign.rules.requiredHashtag,
    entryMode: campaign.rules.entryMode,
    excludedAuthorIds: [...campaign.rules.excludedAuthorIds],
    budgetCents: campaign.budgetCents,
    createdAt: campaign.createdAt.toISOString(),
    shareKinds: [...campaign.rules.shareKinds],
    minAccountAgeDays: campaign.rules.minAccountAgeDays,
  };
}

type DrawRow = Awaited<ReturnType<typeof listDraws>>[number];

function drawJson(row: DrawRow) {
  return { ...row, drawnAt: row.drawnAt.toISOString() };
}

function detailJson(standing: CampaignStanding, draws: DrawRow[]) {
  return {
    ...campaignJson(standing.campaign),
    tieBreak: leaderboardTieBreak,
    leaderboard: standing.board.map((entry) => ({
      ...entry,
      firstSharedAt: entry.firstSharedAt.toISOString(),
    })),
    shares: standing.shares.map((share) => ({
      mentionId: share.source === 'mention' ? share.id : null,
      repostId: share.source === 'repost' ? share.id : null,
      kind: share.kind,
      externalId: share.externalId,
      network: share.network,
      authorExternalId: share.authorExternalId,
      authorHandle: share.authorHandle,
      text: share.text,
      url: share.url,
      postedAt: share.postedAt.toISOString(),
      sentiment: share.sentiment,
    })),
    report: {
      ...standing.report,
      newVoices: {
        count: standing.report.newVoices.count,
        listed: standing.report.newVoices.listed.map((voice) => ({
          ...voice,
          firstPostedAt: voice.firstPostedAt.toISOString(),
        })),
      },
    },
    draws: draws.map(drawJson),
  };
}

async function loadDetail(vars: AppEnv['Variables'], campaignId: string) {
  const { store } = vars.deps;
  const standing = await campaignStanding(store, vars.workspaceId, campaignId);
  return detailJson(standing, await listDraws(store.db, vars.workspaceId, campaignId));
}

export const campaignRoutes = createRouter()
  .openapi(list, async (c) => {
    const campaigns = await listCampaigns(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ items: campaigns.map(campaignJson) }, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const { id } = await createCampaign(useCaseContext(c.var), {
      ...body,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
    });
    return c.json(await loadDetail(c.var, id), 201);
  })
  .openapi(detail, async (c) =>
    c.json(await loadDetail(c.var, c.req.valid('param').campaignId), 200),
  )
  .openapi(draw, async (c) => {
    const { campaignId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await drawCampaignWinners(useCaseContext(c.var), campaignId, body);
    const draws = await listDraws(c.var.deps.store.db, c.var.workspaceId, campaignId);
    const recorded = draws.find((row) => row.id === result.id)!;
    return c.json(drawJson(recorded), 201);
  });
