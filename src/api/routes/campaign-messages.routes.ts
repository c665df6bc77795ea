import type {
  MessageReview,
  MessageRecipient,
} from '../../app/campaigns/campaign-message-review.ts';
import { loadMessageReview, winnerTemplate } from '../../app/campaigns/campaign-message-review.ts';
import {
  announceDraw,
  messageWinners,
  reviewOf,
} from '../../app/campaigns/send-campaign-messages.ts';
import { winnerMessageVariables } from '../../domain/campaign-messages.ts';
import type { CampaignMessageRow } from '../../store/campaign-messages.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  AnnounceBody,
  DrawParams,
  MessageReviewQuery,
  MessageReviewSchema,
  MessageWinnersBody,
} from '../schemas/campaign-messages.schema.ts';

const tags = ['campaigns'];
const draw = '/api/v1/workspaces/{workspaceId}/campaigns/{campaignId}/draws/{drawId}';
const reviewResponse = {
  200: jsonResponse(MessageReviewSchema, 'Whom the result reaches, and who was messaged'),
};

const review = defineRoute({
  method: 'get',
  path: `${draw}/messages`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary:
    "What announcing a draw's result and messaging its winners would do: the posts answered, each winner's drafted message, who cannot be reached (with why) and who was messaged",
  request: { params: DrawParams, query: MessageReviewQuery },
  responses: reviewResponse,
});
const announce = defineRoute({
  method: 'post',
  path: `${draw}/announcement`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary:
    "Announce the result: a public reply on each of the campaign's own posts, through the outbox as any reply (approval rules apply)",
  request: { params: DrawParams, ...jsonBody(AnnounceBody) },
  responses: reviewResponse,
});
const winners = defineRoute({
  method: 'post',
  path: `${draw}/winner-messages`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary:
    "Message the winners: each reviewed text goes as a public reply on the winner's counted share, through the outbox; who cannot be reached is recorded with why",
  request: { params: DrawParams, ...jsonBody(MessageWinnersBody) },
  responses: reviewResponse,
});

const messageJson = (row: CampaignMessageRow) => ({
  ...row,
  sentAt: row.sentAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

const recipientJson = (r: MessageRecipient) => ({
  kind: r.kind,
  network: r.network,
  recipient: r.recipient,
  handle: r.handle,
  mentionId: r.post?.id ?? null,
  url: r.post?.url ?? null,
  cannotSend: r.cannotSend,
  draft: r.draft,
  message: r.message ? messageJson(r.message) : null,
});

function reviewJson(found: MessageReview) {
  return {
    campaign: found.campaign,
    drawId: found.drawId,
    template: found.template,
    variables: [...winnerMessageVariables],
    announcements: found.announcements.map(recipientJson),
    winners: found.winners.map(recipientJson),
    history: found.history.map(messageJson),
  };
}

/** Announcing a share contest's result and messaging its winners (issue 19). */
export const campaignMessageRoutes = createRouter()
  .openapi(review, async (c) => {
    const ids = c.req.valid('param');
    const template = winnerTemplate(c.req.valid('query').template);
    const found = await loadMessageReview(c.var.deps.store, c.var.workspaceId, ids, template);
    return c.json(reviewJson(found), 200);
  })
  .openapi(announce, async (c) => {
    const ids = c.req.valid('param');
    const context = useCaseContext(c.var);
    const outcome = await announceDraw(context, ids, c.req.valid('json').text);
    return c.json({ ...reviewJson(await reviewOf(context, ids)), outcome }, 200);
  })
  .openapi(winners, async (c) => {
    const ids = c.req.valid('param');
    const context = useCaseContext(c.var);
    const outcome = await messageWinners(context, ids, c.req.valid('json').messages);
    return c.json({ ...reviewJson(await reviewOf(context, ids)), outcome }, 200);
  });
