import { assign, changeTeam, setPriority } from './conversation.ts';
import type { Conversation, Transition } from './conversation.ts';
import type { Actor } from './events.ts';
import type { SlaDueTimes, SlaPolicy } from './sla.ts';

/** What happens when a target is missed, as a policy says. */
export interface SlaEscalation {
  /** Tell the people on the conversation (a realtime alert beside the sla.breached event). */
  notify: boolean;
  /** Move it to another team, or (teamId null) back to the unassigned queue of its team. */
  reassign: { teamId: string | null } | null;
  /** Raise the priority by this much (capped at 100); 0 leaves it. */
  raisePriorityBy: number;
}

/** A stored policy: its targets, what it applies to, and what a breach does. */
export interface SlaPolicyRule extends SlaPolicy {
  id: string;
  name: string;
  /** The team it covers; null covers every team (and none). */
  teamId: string | null;
  /** The priority band it covers, inclusive; null is open-ended. */
  minPriority: number | null;
  maxPriority: number | null;
  escalation: SlaEscalation;
}

const bandWidth = (policy: SlaPolicyRule) =>
  (policy.maxPriority ?? 100) - (policy.minPriority ?? 0);

/**
 * The policy that applies to a conversation: of those covering its team (or every team) and its
 * priority, a team's own policy before a workspace-wide one, then the narrowest priority band,
 * then the one listed first. Undefined when none applies (no clock runs).
 */
export function choosePolicy(
  policies: readonly SlaPolicyRule[],
  conversation: { teamId: string | null; priority: number },
): SlaPolicyRule | undefined {
  return policies
    .map((policy, order) => ({ policy, order }))
    .filter(
      ({ policy }) =>
        (policy.teamId === null || policy.teamId === conversation.teamId) &&
        conversation.priority >= (policy.minPriority ?? 0) &&
        conversation.priority <= (policy.maxPriority ?? 100),
    )
    .sort(
      (a, b) =>
        Number(b.policy.teamId !== null) - Number(a.policy.teamId !== null) ||
        bandWidth(a.policy) - bandWidth(b.policy) ||
        a.order - b.order,
    )[0]?.policy;
}

export const slaTargets = ['first_response', 'next_response', 'resolution'] as const;
type SlaTarget = (typeof slaTargets)[number];

/** One warning or breach to act on: the scheduler acts on each exactly once. */
export interface SlaCheck {
  target: SlaTarget;
  kind: 'warning' | 'breach';
  dueAt: Date;
}

function targetsOf(due: SlaDueTimes): Array<[SlaTarget, Date]> {
  const pairs: Array<[SlaTarget, Date | null]> = [
    ['first_response', due.firstResponseDueAt],
    ['next_response', due.nextResponseDueAt],
    ['resolution', due.resolutionDueAt],
  ];
  return pairs.filter((pair): pair is [SlaTarget, Date] => pair[1] !== null);
}

const warnTime = (dueAt: Date, warnBeforeMinutes: number) =>
  new Date(dueAt.getTime() - warnBeforeMinutes * 60_000);

/**
 * The first moment the scheduler must look at these due times (a warning or a breach), even if
 * already past: a check that was handled is skipped by its key, never lost.
 */
export function firstCheckAt(due: SlaDueTimes, warnBeforeMinutes: number): Date | null {
  const moments = targetsOf(due).map(([, dueAt]) =>
    warnBeforeMinutes > 0 ? warnTime(dueAt, warnBeforeMinutes) : dueAt,
  );
  return moments.length ? new Date(Math.min(...moments.map((m) => m.getTime()))) : null;
}

/**
 * What is due at `now`: a breach for each target past due (a warning too late to help is not
 * sent), a warning for each inside its window; and when to look next (null: nothing left).
 */
export function checksDue(
  due: SlaDueTimes,
  warnBeforeMinutes: number,
  now: Date,
): { checks: SlaCheck[]; nextCheckAt: Date | null } {
  const checks: SlaCheck[] = [];
  const later: number[] = [];
  for (const [target, dueAt] of targetsOf(due)) {
    const warnAt = warnTime(dueAt, warnBeforeMinutes);
    if (dueAt <= now) {
      checks.push({ target, kind: 'breach', dueAt });
    } else if (warnBeforeMinutes > 0 && warnAt <= now) {
      checks.push({ target, kind: 'warning', dueAt });
      later.push(dueAt.getTime());
    } else {
      later.push(warnBeforeMinutes > 0 ? warnAt.getTime() : dueAt.getTime());
    }
  }
  return { checks, nextCheckAt: later.length ? new Date(Math.min(...later)) : null };
}

/** Applies a breach's escalation actions to a conversation, as one transition (maybe no change). */
export function escalate(
  conversation: Conversation,
  escalation: SlaEscalation,
  actor: Actor,
  now: Date,
): Extract<Transition, { ok: true }> {
  let current = conversation;
  const events: Extract<Transition, { ok: true }>['events'] = [];
  const apply = (transition: Transition) => {
    if (!transition.ok) return;
    current = transition.conversation;
    events.push(
      ...transition.events.map((event) => ({
        ...event,
        data: { ...event.data, reason: 'sla_breach' },
      })),
    );
  };
  if (escalation.reassign) {
    const { teamId } = escalation.reassign;
    apply(
      teamId !== null && teamId !== current.teamId
        ? changeTeam(current, teamId, actor, now)
        : assign(current, null, actor, now),
    );
  }
  if (escalation.raisePriorityBy > 0) {
    apply(
      setPriority(
        current,
        Math.min(100, current.priority + escalation.raisePriorityBy),
        actor,
        now,
      ),
    );
  }
  return { ok: true, conversation: current, events };
}
