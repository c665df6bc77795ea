import { correctTriage } from '../../app/triage/correct-triage.ts';
import {
  correctionCounts,
  correctionsForExport,
  countLabelledMentions,
  findMentionTriage,
  listCorrections,
} from '../../store/triage-corrections.repository.ts';
import type { Correction, CorrectedField } from '../../store/triage-corrections.repository.ts';
import type { Database } from '../../store/schema.ts';
import type { Kysely } from 'kysely';
import { INTENT_CATEGORIES } from '../../domain/triage-labels.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { MentionParams } from '../schemas/moderation.schema.ts';
import {
  CorrectTriageBody,
  CorrectionReportSchema,
  ExportQuery,
  MentionTriageSchema,
} from '../schemas/triage-corrections.schema.ts';

const tags = ['triage'];
const mentionPath = '/api/v1/workspaces/{workspaceId}/mentions/{mentionId}/triage';
const base = '/api/v1/workspaces/{workspaceId}/triage-corrections';

const show = defineRoute({
  method: 'get',
  path: mentionPath,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: "A mention's triage: the model's labels, agents' corrections, and what to show",
  request: { params: MentionParams },
  responses: { 200: jsonResponse(MentionTriageSchema, 'The triage') },
});

const correct = defineRoute({
  method: 'post',
  path: `${mentionPath}/corrections`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary:
    "Correct a mention's labels (the model's output is kept beside them); priority and views follow",
  request: { params: MentionParams, ...jsonBody(CorrectTriageBody) },
  responses: { 200: jsonResponse(MentionTriageSchema, 'The triage with the correction') },
});

const report = defineRoute({
  method: 'get',
  path: `${base}/report`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'How often agents corrected the models: counts of model label × corrected label',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(CorrectionReportSchema, 'The report') },
});

const exportRoute = defineRoute({
  method: 'get',
  path: `${base}/export`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary:
    'Corrected mentions as JSON lines ({"text", "label", "modelLabel", "mentionId"}) for retraining',
  request: { params: WorkspaceParams, query: ExportQuery },
  responses: {
    200: {
      description: 'One JSON object per line, oldest correction first',
      content: { 'application/x-ndjson': { schema: { type: 'string' } } },
    },
  },
});

const correctionJson = (c: Correction | undefined) =>
  c === undefined
    ? null
    : {
        modelLabel: c.modelLabel,
        label: c.label,
        correctedBy: c.correctedBy,
        correctedAt: c.correctedAt.toISOString(),
      };

async function triageJson(db: Kysely<Database>, workspaceId: string, mentionId: string) {
  const mention = await findMentionTriage(db, workspaceId, mentionId);
  if (!mention) throw new ApiError(404, 'mention_not_found', 'no such mention');
  const corrections = await listCorrections(db, workspaceId, mentionId);
  const find = (field: CorrectedField) => corrections.find((c) => c.field === field);
  const intent = find('intent');
  const yesNo = (field: 'complaint' | 'spam'): 'yes' | 'no' | null => {
    const label = find(field)?.label ?? mention.model[field];
    return label === 'yes' ? 'yes' : label === 'no' ? 'no' : null;
  };
  return {
    mentionId: mention.id,
    conversationId: mention.conversationId,
    model: mention.model,
    corrections: {
      sentiment: correctionJson(find('sentiment')),
      intent: correctionJson(intent),
      socialIntent: correctionJson(find('socialIntent')),
      complaint: correctionJson(find('complaint')),
      spam: correctionJson(find('spam')),
    },
    shown: {
      sentiment: find('sentiment')?.label ?? mention.model.sentiment,
      intent: intent?.label ?? mention.model.intent,
      category: intent ? (INTENT_CATEGORIES[intent.label] ?? null) : mention.model.category,
      socialIntent: find('socialIntent')?.label ?? mention.model.socialIntent,
      complaint: yesNo('complaint'),
      spam: yesNo('spam'),
    },
  };
}

async function fieldReport(
  db: Kysely<Database>,
  workspaceId: string,
  field: CorrectedField,
  labelled: number,
) {
  const confusion = await correctionCounts(db, workspaceId, field);
  const corrections = confusion.reduce((sum, r) => sum + r.count, 0);
  const changed = confusion.reduce((sum, r) => sum + (r.model === r.corrected ? 0 : r.count), 0);
  return {
    corrections,
    changed,
    shareChanged: labelled === 0 ? 0 : changed / labelled,
    confusion,
  };
}

export const triageCorrectionRoutes = createRouter()
  .openapi(show, async (c) => {
    const { mentionId } = c.req.valid('param');
    return c.json(await triageJson(c.var.deps.store.db, c.var.workspaceId, mentionId), 200);
  })
  .openapi(correct, async (c) => {
    const { mentionId } = c.req.valid('param');
    const { complaint, spam, ...labels } = c.req.valid('json');
    const yesNo = (value: boolean | undefined) =>
      value === undefined ? undefined : value ? 'yes' : 'no';
    await correctTriage(useCaseContext(c.var), mentionId, {
      ...labels,
      complaint: yesNo(complaint),
      spam: yesNo(spam),
    });
    return c.json(await triageJson(c.var.deps.store.db, c.var.workspaceId, mentionId), 200);
  })
  .openapi(report, async (c) => {
    const { db } = c.var.deps.store;
    const labelled = await countLabelledMentions(db, c.var.workspaceId);
    return c.json(
      {
        labelledMentions: labelled,
        sentiment: await fieldReport(db, c.var.workspaceId, 'sentiment', labelled),
        intent: await fieldReport(db, c.var.workspaceId, 'intent', labelled),
        socialIntent: await fieldReport(db, c.var.workspaceId, 'socialIntent', labelled),
        complaint: await fieldReport(db, c.var.workspaceId, 'complaint', labelled),
        spam: await fieldReport(db, c.var.workspaceId, 'spam', labelled),
      },
      200,
    );
  })
  .openapi(exportRoute, async (c) => {
    const { field } = c.req.valid('query');
    const rows = await correctionsForExport(c.var.deps.store.db, c.var.workspaceId, field);
    const lines = rows.map((r) =>
      JSON.stringify({
        text: r.text,
        label: r.label,
        modelLabel: r.modelLabel,
        mentionId: r.mentionId,
      }),
    );
    // The typed responses of defineRoute cover JSON; JSON lines go out as a plain response.
    return c.body(lines.map((line) => `${line}\n`).join(''), 200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="earshot-${field}-corrections.jsonl"`,
    }) as never;
  });
