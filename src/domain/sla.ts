import { addBusinessMinutes } from './business-hours.ts';
import type { BusinessHours } from './business-hours.ts';

/** Targets a team promises its customers, in open minutes (null: no target). */
export interface SlaPolicy {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  /** Warn this many minutes before a target is missed. */
  warnBeforeMinutes: number;
}

/** What happened in a conversation so far: all the SLA clock needs. */
export interface SlaFacts {
  createdAt: Date;
  firstRespondedAt: Date | null;
  /** The customer's latest message, and our latest reply (null if none yet). */
  lastCustomerMessageAt: Date;
  lastReplyAt: Date | null;
  resolvedAt: Date | null;
  /** Open minutes the conversation spent waiting on the customer (pending): the clock stops then. */
  pausedMinutes: number;
}

export interface SlaDueTimes {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** The nearest target still running: what the inbox sorts by. */
  dueAt: Date | null;
}

/**
 * When each target falls due, in the team's business time. A target already met has no due
 * time; the next-response clock runs only while the customer's last message is unanswered.
 */
export function computeDueTimes(
  policy: SlaPolicy,
  hours: BusinessHours,
  facts: SlaFacts,
): SlaDueTimes {
  const after = (from: Date, minutes: number | null) =>
    minutes === null ? null : (addBusinessMinutes(from, minutes, hours) ?? null);
  const firstResponseDueAt = facts.firstRespondedAt
    ? null
    : after(facts.createdAt, policy.firstResponseMinutes);
  const awaitingAnswer =
    facts.firstRespondedAt !== null &&
    (facts.lastReplyAt === null || facts.lastCustomerMessageAt > facts.lastReplyAt);
  const nextResponseDueAt = awaitingAnswer
    ? after(facts.lastCustomerMessageAt, policy.nextResponseMinutes)
    : null;
  const resolutionDueAt =
    facts.resolvedAt || policy.resolutionMinutes === null
      ? null
      : after(facts.createdAt, policy.resolutionMinutes + facts.pausedMinutes);
  const running = [firstResponseDueAt, nextResponseDueAt, resolutionDueAt].filter(
    (d): d is Date => d !== null,
  );
  const dueAt = running.length ? new Date(Math.min(...running.map((d) => d.getTime()))) : null;
  return { firstResponseDueAt, nextResponseDueAt, resolutionDueAt, dueAt };
}

export type SlaState = 'none' | 'ok' | 'at_risk' | 'breached';

/** Where a target stands at `now`: breached once due, at risk within the warning window. */
export function slaState(dueAt: Date | null, now: Date, warnBeforeMinutes: number): SlaState {
  if (!dueAt) return 'none';
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return 'breached';
  return left <= warnBeforeMinutes * 60_000 ? 'at_risk' : 'ok';
}
