import { scorecardProblem } from '../../domain/quality-score.ts';
import {
  findSamplePerAgent,
  saveSamplePerAgent,
} from '../../store/quality/quality-settings.repository.ts';
import {
  archiveScorecard,
  findScorecard,
  insertScorecard,
} from '../../store/quality/scorecards.repository.ts';
import type { StoredScorecard } from '../../store/quality/scorecards.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Makes a scorecard of named, weighted criteria. Its criteria never change afterwards, so every
 * review keeps the meaning it had; to change them, make another and archive this one.
 */
export async function createScorecard(
  context: UseCaseContext,
  scorecard: { name: string; criteria: ReadonlyArray<{ name: string; weight: number }> },
): Promise<StoredScorecard> {
  const criteria = scorecard.criteria.map((c) => ({ name: c.name.trim(), weight: c.weight }));
  const problem = scorecardProblem(criteria);
  if (problem) throw new AppError('validation_failed', problem, { field: 'criteria' });
  const { workspaceId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const id = await insertScorecard(tx, {
      workspaceId,
      name: scorecard.name.trim(),
      criteria,
      createdBy: context.userId,
      now,
    });
    const made = (await findScorecard(tx, workspaceId, id))!;
    await recordChange(tx, context, {
      kind: 'scorecard.created',
      target: { type: 'scorecard', id },
      after: { name: made.name, criteria: made.criteria },
    });
    return made;
  });
}

/** Archives a scorecard: its reviews stay, no new review uses it. Archiving twice is harmless. */
export async function retireScorecard(
  context: UseCaseContext,
  scorecardId: string,
): Promise<StoredScorecard> {
  const { workspaceId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const before = await findScorecard(tx, workspaceId, scorecardId);
    if (!before) throw new AppError('scorecard_not_found', 'no such scorecard');
    if (before.archivedAt) return before;
    await archiveScorecard(tx, workspaceId, scorecardId, now);
    await recordChange(tx, context, {
      kind: 'scorecard.archived',
      target: { type: 'scorecard', id: scorecardId },
      before: { name: before.name, archivedAt: null },
      after: { name: before.name, archivedAt: now.toISOString() },
    });
    return (await findScorecard(tx, workspaceId, scorecardId))!;
  });
}

/** Sets how many replies of each agent the weekly review queue samples (0 pauses it). */
export async function setSamplePerAgent(
  context: UseCaseContext,
  samplePerAgent: number,
): Promise<void> {
  const { workspaceId, now } = context;
  await context.store.db.transaction().execute(async (tx) => {
    const before = await findSamplePerAgent(tx, workspaceId);
    await saveSamplePerAgent(tx, workspaceId, samplePerAgent, now);
    await recordChange(tx, context, {
      kind: 'quality_settings.saved',
      before: { samplePerAgent: before },
      after: { samplePerAgent },
    });
  });
}
