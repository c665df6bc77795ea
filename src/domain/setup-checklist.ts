/**
 * The first-run checklist: what a new workspace needs before Earshot can hear and answer for it,
 * in the order a person sets it up. Each step is done from the workspace's real state.
 */

export type SetupStepKey = 'brand' | 'channel' | 'team' | 'sla' | 'teammates';

/** How much of each the workspace has (brands are its own, not competitors; channels not removed). */
export interface SetupCounts {
  brands: number;
  channels: number;
  teams: number;
  slaPolicies: number;
  /** Members besides the one asking, plus invitations still open. */
  teammates: number;
}

export interface SetupStep {
  key: SetupStepKey;
  done: boolean;
}

const order: ReadonlyArray<{ key: SetupStepKey; done: (counts: SetupCounts) => boolean }> = [
  { key: 'brand', done: (c) => c.brands > 0 },
  { key: 'channel', done: (c) => c.channels > 0 },
  { key: 'team', done: (c) => c.teams > 0 },
  { key: 'sla', done: (c) => c.slaPolicies > 0 },
  { key: 'teammates', done: (c) => c.teammates > 0 },
];

export function setupSteps(counts: SetupCounts): SetupStep[] {
  return order.map((step) => ({ key: step.key, done: step.done(counts) }));
}
