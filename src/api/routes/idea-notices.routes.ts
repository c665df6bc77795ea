import { loadNoticeReview } from '../../app/ideas/idea-notice-review.ts';
import type { NoticeReview } from '../../app/ideas/idea-notice-review.ts';
import { setNoticeTemplate } from '../../app/ideas/set-notice-template.ts';
import { tellIdeaCustomers } from '../../app/ideas/tell-idea-customers.ts';
import {
  defaultNoticeTemplates,
  noticeStatuses,
  noticeVariables,
} from '../../domain/idea-notices.ts';
import { findNoticeTemplates } from '../../store/idea-notices.repository.ts';
import type { IdeaNoticeRow } from '../../store/idea-notices.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { IdeaParams } from '../schemas/ideas.schema.ts';
import {
  NoticeReviewSchema,
  NoticeTemplatesBody,
  NoticeTemplatesSchema,
  TellCustomersBody,
} from '../schemas/idea-notices.schema.ts';

const tags = ['ideas'];
const ws = '/api/v1/workspaces/{workspaceId}';
const reviewResponse = { 200: jsonResponse(NoticeReviewSchema, 'Whom to tell, and who was told') };

const review = defineRoute({
  method: 'get',
  path: `${ws}/ideas/{ideaId}/notices`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary:
    'Whom telling customers of the idea’s status would reach (one per thread, with the drafted reply), and who was told or not (with why)',
  request: { params: IdeaParams },
  responses: reviewResponse,
});
const tell = defineRoute({
  method: 'post',
  path: `${ws}/ideas/{ideaId}/notices`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary:
    'Tell customers of the idea’s status: each reviewed reply goes through the outbox as any reply (approval rules apply); threads that cannot be answered are recorded as not told, with why',
  request: { params: IdeaParams, ...jsonBody(TellCustomersBody) },
  responses: reviewResponse,
});
const templates = defineRoute({
  method: 'get',
  path: `${ws}/idea-notice-templates`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'The reply drafted for customers when an idea reaches each status',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(NoticeTemplatesSchema, 'Templates') },
});
const saveTemplates = defineRoute({
  method: 'put',
  path: `${ws}/idea-notice-templates`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Change the templates of the statuses named (null goes back to the default)',
  request: { params: WorkspaceParams, ...jsonBody(NoticeTemplatesBody) },
  responses: { 200: jsonResponse(NoticeTemplatesSchema, 'Templates') },
});

const noticeJson = (row: IdeaNoticeRow) => ({
  ...row,
  sentAt: row.sentAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

function reviewJson(found: NoticeReview) {
  return {
    idea: found.idea,
    status: found.status,
    template: found.template,
    recipients: found.recipients.map((r) => ({
      conversationId: r.conversationId,
      mentionId: r.post.id,
      network: r.post.network,
      authorHandle: r.post.authorHandle,
      customerName: r.customerName,
      text: r.post.text,
      url: r.post.url,
      postedAt: r.post.postedAt.toISOString(),
      visibility: r.visibility,
      cannotTell: r.cannotTell,
      draft: r.draft,
      notice: r.notice ? noticeJson(r.notice) : null,
    })),
    history: found.history.map(noticeJson),
  };
}

async function templatesJson(vars: Parameters<typeof useCaseContext>[0]) {
  const own = await findNoticeTemplates(vars.deps.store.db, vars.workspaceId);
  return {
    templates: noticeStatuses.map((status) => ({
      status,
      body: own.get(status) ?? defaultNoticeTemplates[status],
      isDefault: !own.has(status),
    })),
    variables: [...noticeVariables],
  };
}

/** Telling customers what became of their idea (issue 19), and the templates it drafts from. */
export const ideaNoticeRoutes = createRouter()
  .openapi(review, async (c) => {
    const { ideaId } = c.req.valid('param');
    const found = await loadNoticeReview(c.var.deps.store.db, useCaseContext(c.var), ideaId);
    return c.json(reviewJson(found), 200);
  })
  .openapi(tell, async (c) => {
    const { ideaId } = c.req.valid('param');
    const context = useCaseContext(c.var);
    const outcome = await tellIdeaCustomers(context, ideaId, c.req.valid('json'));
    const found = await loadNoticeReview(context.store.db, context, ideaId);
    return c.json({ ...reviewJson(found), outcome }, 200);
  })
  .openapi(templates, async (c) => c.json(await templatesJson(c.var), 200))
  .openapi(saveTemplates, async (c) => {
    const context = useCaseContext(c.var);
    const body = c.req.valid('json');
    for (const status of noticeStatuses) {
      const text = body[status];
      if (text !== undefined) await setNoticeTemplate(context, status, text);
    }
    return c.json(await templatesJson(c.var), 200);
  });
