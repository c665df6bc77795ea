import type { Kysely } from 'kysely';
import type { DomainEvent } from '../../../domain/events.ts';
import type { IntakePlan } from '../../../domain/intake-plan.ts';
import type { SavedIntake } from '../../../store/intake/intake-save.repository.ts';
import type { Database } from '../../../store/schema.ts';
import type { AutoReply } from '../../routing/route-auto-reply.ts';

/** What an after-intake step sees: the batch's plan, its rows as stored, and what steps left. */
export interface AfterIntakeContext {
  /** The batch's transaction: a step that throws rolls the whole batch back. */
  db: Kysely<Database>;
  workspaceId: string;
  now: Date;
  plan: IntakePlan;
  saved: SavedIntake;
  /** Automatic replies routing chose; the auto-reply step queues them. */
  autoReplies: AutoReply[];
  /** Events appended after the plan's own once every step ran (steps may also append theirs). */
  events: DomainEvent[];
}

/**
 * One thing that follows a batch's intake, in its transaction (so a batch and all it causes
 * commit together, or are retried together; each step is idempotent). Steps run in the order of
 * `afterIntakeSteps`, where the order that matters is written down.
 */
export interface AfterIntakeStep {
  readonly name: string;
  /**
   * Acts only on the batch's new conversations, as ours to answer (routing, automatic replies,
   * out-of-hours notes): skipped for a competitor's batch, whose new conversations are theirs.
   */
  readonly ourBrandOnly?: boolean;
  run(context: AfterIntakeContext): Promise<void>;
}

/** Runs the steps one after the other, each seeing what the ones before it left. */
export async function runAfterIntakeSteps(
  steps: readonly AfterIntakeStep[],
  context: AfterIntakeContext,
): Promise<void> {
  for (const step of steps) await step.run(context);
}
