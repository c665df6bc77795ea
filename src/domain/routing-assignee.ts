/** What auto-assignment knows about one workspace member. */
export interface AgentLoad {
  userId: string;
  teamIds: string[];
  /** The agent said they are in (not away). */
  available: boolean;
  /** Most open conversations they take; null: no limit. */
  maxOpen: number | null;
  openCount: number;
  skills: string[];
  /** When auto-assignment last gave them a conversation; null: never. */
  lastAutoAssignedAt: Date | null;
}

type AssigneeChoice =
  | { ok: true; userId: string }
  | {
      ok: false;
      reason: 'no_team' | 'no_members' | 'nobody_skilled' | 'nobody_available' | 'nobody_free';
    };

const why: Record<Exclude<AssigneeChoice, { ok: true }>['reason'], string> = {
  no_team: 'no team to assign within',
  no_members: 'the team has no members',
  nobody_skilled: 'no member of the team has the skills it needs',
  nobody_available: 'every skilled member of the team is away',
  nobody_free: 'every available member of the team is at capacity',
};

/** Says in words why nobody was chosen, for the routing reason shown to agents. */
export function explainNoAssignee(reason: keyof typeof why): string {
  return why[reason];
}

/**
 * Round robin within a team: among members who are available, have free capacity and every
 * skill the rule requires, the one auto-assigned longest ago (never first) goes next. Nobody
 * suitable is an answer, not an error: the conversation then waits in the team's queue.
 */
export function chooseAssignee(
  agents: readonly AgentLoad[],
  teamId: string | null,
  requiredSkills: readonly string[],
): AssigneeChoice {
  if (!teamId) return { ok: false, reason: 'no_team' };
  const members = agents.filter((agent) => agent.teamIds.includes(teamId));
  if (members.length === 0) return { ok: false, reason: 'no_members' };
  const skilled = members.filter((agent) =>
    requiredSkills.every((skill) => agent.skills.includes(skill)),
  );
  if (skilled.length === 0) return { ok: false, reason: 'nobody_skilled' };
  const available = skilled.filter((agent) => agent.available);
  if (available.length === 0) return { ok: false, reason: 'nobody_available' };
  const free = available.filter(
    (agent) => agent.maxOpen === null || agent.openCount < agent.maxOpen,
  );
  if (free.length === 0) return { ok: false, reason: 'nobody_free' };
  const next = free.reduce((best, agent) => (longerAgo(agent, best) ? agent : best));
  return { ok: true, userId: next.userId };
}

function longerAgo(a: AgentLoad, b: AgentLoad): boolean {
  const at = a.lastAutoAssignedAt?.getTime() ?? -Infinity;
  const bt = b.lastAutoAssignedAt?.getTime() ?? -Infinity;
  return at !== bt ? at < bt : a.userId < b.userId;
}

/** The agents after one more conversation went to `userId` at `at`. */
export function withAssignment(
  agents: readonly AgentLoad[],
  userId: string,
  at: Date,
): AgentLoad[] {
  return agents.map((agent) =>
    agent.userId === userId
      ? { ...agent, openCount: agent.openCount + 1, lastAutoAssignedAt: at }
      : agent,
  );
}
