import type { Kysely } from 'kysely';
import { replyToneFlags } from '../../domain/approval.ts';
import { replyDifficulty, weeklySample } from '../../domain/quality-sample.ts';
import type { DifficultyReason } from '../../domain/quality-sample.ts';
import type { ToneFlag } from '../../domain/tone-check.ts';
import { findSamplePerAgent } from '../../store/quality/quality-settings.repository.ts';
import { listReviewCandidates } from '../../store/quality/review-queue.queries.ts';
import type { ReviewCandidateRow } from '../../store/quality/review-queue.queries.ts';
import type { Database } from '../../store/schema.ts';

export interface QueueItem {
  replyId: string;
  agentId: string;
  reasons: DifficultyReason[];
  toneFlags: ToneFlag[];
  row: ReviewCandidateRow;
}

/**
 * The week's review queue: the workspace's sample of each agent's sent replies, difficult ones
 * first, with the tone check's flags on each (as the composer showed them to the agent).
 */
export async function reviewQueue(
  db: Kysely<Database>,
  workspaceId: string,
  range: { from: Date; to: Date },
): Promise<{ samplePerAgent: number; items: QueueItem[] }> {
  const samplePerAgent = await findSamplePerAgent(db, workspaceId);
  const rows = await listReviewCandidates(db, workspaceId, range);
  const candidates = rows.map((row): QueueItem => {
    const toneFlags = replyToneFlags({
      text: row.text,
      network: row.network,
      visibility: row.visibility,
      answersComplaint: row.sentiment === 'negative',
    });
    const reasons = replyDifficulty({
      sentiment: row.sentiment,
      viral: Boolean(row.viral),
      toneFlagCount: toneFlags.length,
      csatScore: row.csat_score ?? null,
    });
    return { replyId: row.id, agentId: row.author_id!, reasons, toneFlags, row };
  });
  return { samplePerAgent, items: weeklySample(candidates, samplePerAgent) };
}
