import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { CorrectedTriage } from '../domain/triage-correction.ts';
import { newId } from './ids.ts';
import type { Database, TriageCorrectionsTable } from './schema.ts';

/**
 * Agents' corrections of triage labels (migrations 0007, 0029). The model's labels in the
 * mention's stored triage are never changed: a correction sits beside them with the model's label
 * as it was, so the report can tell how often the model was wrong and the export can feed a
 * retraining. What the labels lead to once corrected (the priority, the views) is kept under the
 * triage's `corrected` key.
 */
export type CorrectedField = TriageCorrectionsTable['field'];

interface MentionTriage {
  id: string;
  conversationId: string;
  text: string;
  /** What the model said, from the stored triage; null when the mention was never labelled. */
  model: {
    sentiment: string | null;
    intent: string | null;
    category: string | null;
    socialIntent: string | null;
    /** `yes` or `no`, as the complaint model's classes. */
    complaint: YesNo | null;
    spam: YesNo | null;
  };
}

type YesNo = 'yes' | 'no';
const yesNo = (value: string | null): YesNo | null =>
  value === null ? null : value === 'true' ? 'yes' : 'no';

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
      sql<string | null>`m.triage ->> 'socialIntent'`.as('socialIntent'),
      sql<string | null>`m.triage ->> 'complaint'`.as('complaint'),
      sql<string | null>`m.triage ->> 'spam'`.as('spam'),
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.id', '=', mentionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    text: row.text,
    model: {
      sentiment: row.sentiment,
      intent: row.intent,
      category: row.category,
      socialIntent: row.socialIntent,
      complaint: yesNo(row.complaint),
      spam: yesNo(row.spam),
    },
  };
}

/** What a mention's priority is computed from, and what the model said. */
export interface MentionForRescore {
  conversationId: string;
  text: string;
  fromBrand: boolean;
  authorFollowers: number | null;
  engagement: Record<string, number>;
  postedAt: Date;
  receivedAt: Date;
  /** A review's stars (1–5), null for anything else. */
  rating: number | null;
  /** The stored triage (the model's labels), or null when it was never labelled. */
  triage: Record<string, unknown> | null;
}

export async function findMentionForRescore(
  db: Kysely<Database>,
  workspaceId: string,
  mentionId: string,
): Promise<MentionForRescore | undefined> {
  const row = await db
    .selectFrom('mentions')
    .select([
      'conversation_id',
      'text',
      'from_brand',
      'author_followers',
      'engagement',
      'posted_at',
      'received_at',
      'rating',
      'triage',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mentionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const triage = row.triage;
  return {
    conversationId: row.conversation_id,
    text: row.text,
    fromBrand: row.from_brand,
    authorFollowers: row.author_followers,
    engagement: row.engagement,
    postedAt: row.posted_at,
    receivedAt: row.received_at,
    rating: row.rating,
    triage:
      typeof triage === 'object' && triage !== null ? (triage as Record<string, unknown>) : null,
  };
}

/** Keeps what the corrected labels lead to under the mention's triage `corrected` key. */
export async function saveCorrectedTriage(
  db: Kysely<Database>,
  workspaceId: string,
  mentionId: string,
  corrected: CorrectedTriage,
): Promise<void> {
  await db
    .updateTable('mentions')
    .set({
      triage: sql<string>`coalesce(triage, '{}'::jsonb) || jsonb_build_object('corrected', ${JSON.stringify(corrected)}::jsonb)`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mentionId)
    .execute();
}

/**
 * A label of mention `m`'s triage as shown: a person's correction (under `corrected`) first, then
 * the model's. For queries over `mentions as m`.
 */
export const shownTriageLabel = (key: string) =>
  sql`coalesce(m.triage -> 'corrected' ->> ${sql.lit(key)}, m.triage ->> ${sql.lit(key)})`;

/**
 * A conversation's labels from its customer mentions as shown (corrections first): the mood of
 * the latest and whether the first is spam, stored on the conversation; answers with the highest
 * priority among them, for the caller to set through the conversation's rules.
 */
export async function refreshConversationTriage(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
): Promise<{ priority: number }> {
  const rows = await db
    .selectFrom('mentions as m')
    .select([
      sql<string | null>`${shownTriageLabel('sentiment')}`.as('sentiment'),
      sql<string | null>`${shownTriageLabel('spam')}`.as('spam'),
      sql<number | null>`(${shownTriageLabel('priority')})::int`.as('priority'),
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.conversation_id', '=', conversationId)
    .where('m.from_brand', '=', false)
    .orderBy('m.posted_at')
    .orderBy('m.id')
    .execute();
  const first = rows[0];
  const latest = rows.at(-1);
  if (first && latest)
    await db
      .updateTable('conversations')
      .set({
        ...(latest.sentiment !== null ? { sentiment: latest.sentiment } : {}),
        is_spam: first.spam === 'true',
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversationId)
      .execute();
  return { priority: Math.max(0, ...rows.map((row) => row.priority ?? 0)) };
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
