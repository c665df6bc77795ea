import { listCsatAnswers } from '../../store/csat.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams, jsonResponse } from '../schemas/common.schema.ts';
import { CsatQuery, CsatReportSchema } from '../schemas/csat.schema.ts';

const report = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/csat',
  access: 'workspace',
  role: 'viewer',
  tags: ['csat'],
  summary: 'CSAT: how surveys were answered (1–5), and the latest answers',
  request: { params: WorkspaceParams, query: CsatQuery },
  responses: { 200: jsonResponse(CsatReportSchema, 'The CSAT report') },
});

export const csatRoutes = createRouter().openapi(report, async (c) => {
  const { limit } = c.req.valid('query');
  const { items, counts } = await listCsatAnswers(c.var.deps.store.db, c.var.workspaceId, limit);
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const summary = { awaiting: 0, answered: 0, unanswered: 0 };
  for (const row of counts) {
    const n = Number(row.n);
    summary[row.status] += n;
    if (row.score !== null) distribution[row.score as 1 | 2 | 3 | 4 | 5] += n;
  }
  const total = Object.entries(distribution).reduce((sum, [s, n]) => sum + Number(s) * n, 0);
  return c.json(
    {
      summary: {
        ...summary,
        average: summary.answered > 0 ? Math.round((total / summary.answered) * 100) / 100 : null,
        distribution,
      },
      items: items.map((row) => ({
        surveyId: row.id,
        conversationId: row.conversation_id,
        score: row.score!,
        mentionId: row.answer_mention_id,
        answeredAt: row.answered_at!.toISOString(),
      })),
    },
    200,
  );
});
