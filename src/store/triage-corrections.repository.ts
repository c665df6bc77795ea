import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database, TriageCorrectionsTable } from './schema.ts';

/**
 * Agents' corrections of triage labels (migration 0007). The mention's stored triage is never
 * changed: a correction sits beside it with the model's label as it was, so the report can tell
 * how often the model was wrong and the export can feed a retraining.
 */
export type CorrectedField = TriageCorrectionsTable['field'];

interface MentionTriage {
  id: string;
  conversationId: string;
  text: string;
  /** What the model said, from the stored triage; null when the mention was never labelled. */
  model: { sentiment: string | null; intent: string | null; category: string | null };
}

export async function findMentionTriage(
  db: Kysely<Database>,
  workspaceId: string,
  mentionId: string,
): Promise<MentionTriage | undefined> {
  const row = await db
    .selectFrom('mentions as m')
    .select([
      'm.id',
      'm.conversation_id',
      'm.text',
      sql<string | null>`m.triage ->> 'sentiment'`.as('sentiment'),
      sql<string | null>`m.triage ->> 'intent'`.as('intent'),
      sql<string | null>`m.triage ->> 'category'`.as('category'),
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.id', '=', mentionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    text: row.text,
    model: { sentiment: row.sentiment, intent: row.intent, category: row.category },
  };
}

export interface Correction {
  field: CorrectedField;
  modelLabel: string | null;
  label: string;
  correctedBy: { id: string | null; name: string | null };
  correctedAt: Date;
}

export async function listCorrections(
  db: Kysely<Database>,
  workspaceId: string,
  mentionId: string,
): Promise<Correction[]> {
  const rows = await db
    .selectFrom('triage_corrections as t')
    .leftJoin('users as u', 'u.id', 't.corrected_by')
    .select([
      't.field',
      't.model_label',
      't.corrected_label',
      't.corrected_by',
      'u.name',
      't.corrected_at',
    ])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.mention_id', '=', mentionId)
    .orderBy('t.field')
    .execute();
  return rows.map((r) => ({
    field: r.field,
    modelLabel: r.model_label,
    label: r.corrected_label,
    correctedBy: { id: r.corrected_by, name: r.name },
    correctedAt: r.corrected_at,
  }));
}

/**
 * Records a correction; correcting the same field again replaces the label and who made it,
 * keeping the model's label from the first time. Returns the label it replaced, if any.
 */
export async function saveCorrection(
  db: Kysely<Database>,
  correction: {
    workspaceId: string;
    mentionId: string;
    field: CorrectedField;
    modelLabel: string | null;
    label: string;
    userId: string;
    now: Date;
  },
): Promise<{ previous: string | null }> {
  const existing = await db
    .selectFrom('triage_corrections')
    .select('corrected_label')
    .where('mention_id', '=', correction.mentionId)
    .where('field', '=', correction.field)
    .executeTakeFirst();
  await db
    .insertInto('triage_corrections')
    .values({
      id: newId(),
      workspace_id: correction.workspaceId,
      mention_id: correction.mentionId,
      field: correction.field,
      model_label: correction.modelLabel,
      corrected_label: correction.label,
      corrected_by: correction.userId,
      corrected_at: correction.now,
    })
    .onConflict((oc) =>
      oc.columns(['mention_id', 'field']).doUpdateSet({
        corrected_label: correction.label,
        corrected_by: correction.userId,
        corrected_at: correction.now,
      }),
    )
    .execute();
  return { previous: existing?.corrected_label ?? null };
}

/** How often each model label was corrected to each label (equal labels: the agent agreed). */
export async function correctionCounts(
  db: Kysely<Database>,
  workspaceId: string,
  field: CorrectedField,
): Promise<Array<{ model: string | null; corrected: string; count: number }>> {
  const rows = await db
    .selectFrom('triage_corrections')
    .select(['model_label', 'corrected_label', sql<number>`count(*)::int`.as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('field', '=', field)
    .groupBy(['model_label', 'corrected_label'])
    .orderBy('model_label')
    .orderBy('corrected_label')
    .execute();
  return rows.map((r) => ({ model: r.model_label, corrected: r.corrected_label, count: r.count }));
}

/** Customer mentions the models labelled (the denominator of "how often corrected"). */
export async function countLabelledMentions(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<number> {
  const row = await db
    .selectFrom('mentions')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('from_brand', '=', false)
    .where('triage', 'is not', null)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Corrected mentions with their text, oldest first, for a retraining set. */
export async function correctionsForExport(
  db: Kysely<Database>,
  workspaceId: string,
  field: CorrectedField,
): Promise<Array<{ mentionId: string; text: string; label: string; modelLabel: string | null }>> {
  const rows = await db
    .selectFrom('triage_corrections as t')
    .innerJoin('mentions as m', 'm.id', 't.mention_id')
    .select(['t.mention_id', 'm.text', 't.corrected_label', 't.model_label'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.field', '=', field)
    .orderBy('t.corrected_at')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    mentionId: r.mention_id,
    text: r.text,
    label: r.corrected_label,
    modelLabel: r.model_label,
  }));
}
