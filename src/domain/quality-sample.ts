/**
 * The weekly review queue (issue 19, point 4): a sample of each agent's sent replies, the
 * difficult ones first. The sample is deterministic, so two leads (or a test) looking at the
 * same week see the same replies in the same order: by difficulty, then by a stable hash of the
 * reply's id (an even spread of the rest that no one can steer by timing), then by the id.
 */

/** Why a reply is hard to get right, strongest first. */
export const difficultyReasons = ['low_csat', 'viral', 'tone_flagged', 'negative'] as const;
export type DifficultyReason = (typeof difficultyReasons)[number];

const reasonWeight: Record<DifficultyReason, number> = {
  low_csat: 8,
  viral: 4,
  tone_flagged: 2,
  negative: 1,
};

/** A CSAT answer at or below this counts as low. */
export const lowCsatScore = 2;

/** What is known about a sent reply when the queue is drawn. */
export interface ReplyDifficultyFacts {
  /** The conversation's sentiment when triaged. */
  sentiment: string | null;
  /** A viral alert was raised for the conversation. */
  viral: boolean;
  /** How many flags the tone check raises on the reply's words. */
  toneFlagCount: number;
  /** The customer's CSAT answer for the conversation, if any. */
  csatScore: number | null;
}

/** The reasons a reply is difficult, strongest first; none for an ordinary one. */
export function replyDifficulty(facts: ReplyDifficultyFacts): DifficultyReason[] {
  const reasons: DifficultyReason[] = [];
  if (facts.csatScore !== null && facts.csatScore <= lowCsatScore) reasons.push('low_csat');
  if (facts.viral) reasons.push('viral');
  if (facts.toneFlagCount > 0) reasons.push('tone_flagged');
  if (facts.sentiment === 'negative') reasons.push('negative');
  return reasons;
}

/** How difficult, as one number: a low CSAT outranks everything below it together. */
export function difficultyRank(reasons: readonly DifficultyReason[]): number {
  return reasons.reduce((sum, reason) => sum + reasonWeight[reason], 0);
}

/** FNV-1a, 32 bits: the same number for the same text on every machine and every run. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface SampleCandidate {
  replyId: string;
  agentId: string;
  reasons: readonly DifficultyReason[];
}

/** The queue's order: more difficult first, then by stable hash, then by id. */
export function compareCandidates(a: SampleCandidate, b: SampleCandidate): number {
  return (
    difficultyRank(b.reasons) - difficultyRank(a.reasons) ||
    stableHash(a.replyId) - stableHash(b.replyId) ||
    (a.replyId < b.replyId ? -1 : a.replyId > b.replyId ? 1 : 0)
  );
}

/**
 * Up to `perAgent` replies of each agent, in queue order. Replies already reviewed stay in the
 * sample (a reviewed reply keeps its place, so finishing the queue does not draw new ones).
 */
export function weeklySample<T extends SampleCandidate>(
  candidates: readonly T[],
  perAgent: number,
): T[] {
  const taken = new Map<string, number>();
  const sample: T[] = [];
  for (const candidate of [...candidates].sort(compareCandidates)) {
    const count = taken.get(candidate.agentId) ?? 0;
    if (count >= perAgent) continue;
    taken.set(candidate.agentId, count + 1);
    sample.push(candidate);
  }
  return sample;
}

const dayMs = 86_400_000;

/** The Monday (UTC) that starts the week holding `at`, as YYYY-MM-DD. */
export function weekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * dayMs).toISOString().slice(0, 10);
}

/** The half-open range of a week named by its Monday; undefined when it names no Monday. */
export function weekRange(week: string): { from: Date; to: Date } | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(week)) return undefined;
  const from = new Date(`${week}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || from.toISOString().slice(0, 10) !== week) return undefined;
  if (from.getUTCDay() !== 1) return undefined;
  return { from, to: new Date(from.getTime() + 7 * dayMs) };
}
