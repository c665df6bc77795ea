import { changeIdeaStatus, settableIdeaStatuses } from '../../domain/ideas.ts';
import type { IdeaStatus, SettableIdeaStatus } from '../../domain/ideas.ts';

export const ideaStatusLabels: Record<IdeaStatus, string> = {
  new: 'New',
  under_review: 'Under review',
  planned: 'Planned',
  done: 'Done',
  declined: 'Declined',
  merged: 'Merged',
};

/** Where an idea may go next, by the same rule the server applies (a reason is asked apart). */
export function nextIdeaStatuses(from: IdeaStatus): SettableIdeaStatus[] {
  return settableIdeaStatuses.filter(
    (to) => to !== from && changeIdeaStatus(from, to, 'reason').ok,
  );
}

export const plural = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;
