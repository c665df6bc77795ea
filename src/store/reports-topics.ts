import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../domain/report-filter.ts';
import { risingTopics } from '../domain/report-topics.ts';
import type { RisingTopic } from '../domain/report-topics.ts';
import { conversationConditions } from './reports-scope.ts';
import type { Database } from './schema.ts';

/** The most texts read per period: enough to rank topics, bounded on a million mentions. */
export const topicTextCap = 5000;

export interface TopicsReport {
  /** The period before the range, of the same length. */
  previous: { from: string; to: string };
  negativeMentions: { current: number; previous: number };
  items: RisingTopic[];
}

/**
 * Terms and two-word phrases that rise most in negative customer mentions (hidden ones left
 * out) of the range against the period of the same length before it. SQL only picks the
 * texts (the latest `topicTextCap` of each period); the counting is the domain's.
 */
export async function findTopicsReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<TopicsReport> {
  const previousFrom = new Date(2 * filter.from.getTime() - filter.to.getTime());
  const texts = async (from: Date, to: Date) => {
    const { rows } = await sql<{ text: string }>`select m.text
      from mentions m join conversations c on c.id = m.conversation_id
        and ${conversationConditions(filter)}
      where m.workspace_id = ${filter.workspaceId} and not m.from_brand and m.hidden_at is null
        and m.triage->>'sentiment' = 'negative'
        and m.posted_at >= ${from} and m.posted_at < ${to}
      order by m.posted_at desc limit ${topicTextCap}`.execute(db);
    return rows.map((row) => row.text);
  };
  const current = await texts(filter.from, filter.to);
  const previous = await texts(previousFrom, filter.from);
  return {
    previous: { from: previousFrom.toISOString(), to: filter.from.toISOString() },
    negativeMentions: { current: current.length, previous: previous.length },
    items: risingTopics(current, previous),
  };
}
