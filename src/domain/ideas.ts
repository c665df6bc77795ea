/**
 * Ideas customers give us, promoted from their mentions. An idea moves forward
 * new → under_review → planned → done, or is declined (with a reason) before it is done; a
 * declined idea may be reconsidered. A duplicate is merged into another and stops moving.
 */
export const ideaStatuses = [
  'new',
  'under_review',
  'planned',
  'done',
  'declined',
  'merged',
] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];

/** The statuses a person may set (merged is set by merging). */
export const settableIdeaStatuses = ['new', 'under_review', 'planned', 'done', 'declined'] as const;
export type SettableIdeaStatus = (typeof settableIdeaStatuses)[number];

const next: Record<IdeaStatus, readonly IdeaStatus[]> = {
  new: ['under_review', 'declined'],
  under_review: ['planned', 'declined'],
  planned: ['done', 'declined'],
  done: [],
  declined: ['under_review'],
  merged: [],
};

type IdeaChange =
  | { ok: true; changed: false }
  | { ok: true; changed: true; status: SettableIdeaStatus; declinedReason: string | null }
  | { ok: false; code: 'invalid_transition' | 'reason_required'; message: string };

/** Whether an idea may move from `from` to `to`; declining needs a reason. Same status: no change. */
export function changeIdeaStatus(
  from: IdeaStatus,
  to: SettableIdeaStatus,
  reason?: string,
): IdeaChange {
  if (from === to) return { ok: true, changed: false };
  if (from === 'merged') {
    return {
      ok: false,
      code: 'invalid_transition',
      message: 'a merged idea does not move; change the idea it was merged into',
    };
  }
  if (!next[from].includes(to)) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `an idea cannot go from ${from} to ${to} (from ${from}: ${next[from].join(', ') || 'nowhere'})`,
    };
  }
  const declinedReason = reason?.trim() ?? '';
  if (to === 'declined' && declinedReason === '') {
    return {
      ok: false,
      code: 'reason_required',
      message: 'say why the idea is declined: customers deserve an answer',
    };
  }
  return {
    ok: true,
    changed: true,
    status: to,
    declinedReason: to === 'declined' ? declinedReason : null,
  };
}

type IdeaMerge =
  { ok: true; alreadyMerged: boolean } | { ok: false; code: 'invalid_transition'; message: string };

/** Whether `source` may be merged into `target` (both as stored). */
export function canMergeIdeas(
  source: { id: string; status: IdeaStatus; mergedIntoId: string | null },
  target: { id: string; status: IdeaStatus },
): IdeaMerge {
  if (source.id === target.id)
    return {
      ok: false,
      code: 'invalid_transition',
      message: 'an idea cannot be merged into itself',
    };
  if (source.status === 'merged') {
    return source.mergedIntoId === target.id
      ? { ok: true, alreadyMerged: true }
      : { ok: false, code: 'invalid_transition', message: 'this idea was merged into another one' };
  }
  if (target.status === 'merged')
    return {
      ok: false,
      code: 'invalid_transition',
      message: 'the target idea was itself merged; merge into the idea it went to',
    };
  return { ok: true, alreadyMerged: false };
}
