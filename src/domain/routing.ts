/** What routing knows about a new conversation: the mention's network and its triage labels. */
export interface RoutingFacts {
  brandId: string;
  network: string;
  intent: string | null;
  category: string | null;
  language: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  complaint: boolean;
  priority: number;
  text: string;
  authorFollowers: number;
}

/** One test on the facts. Lists match any of their values; keywords match whole words. */
export type RoutingCondition =
  | { field: 'brand' | 'network' | 'intent' | 'category' | 'language' | 'sentiment'; in: string[] }
  | { field: 'complaint'; is: boolean }
  | { field: 'priority' | 'authorFollowers'; atLeast: number }
  | { field: 'keywords'; any: string[] };

export interface RoutingRule {
  id: string;
  name: string;
  enabled: boolean;
  /** All must hold (an empty list always holds). */
  when: RoutingCondition[];
  then: {
    teamId?: string;
    priority?: number;
    tags?: string[];
    autoReply?: string;
    /** Auto-assignment gives the conversation only to agents with all of these skills. */
    skills?: string[];
  };
}

export interface RoutingDecision {
  teamId: string | null;
  priority: number;
  tags: string[];
  autoReply: string | null;
  skills: string[];
  /** Shown to agents: "routed to Billing by rule 'refunds'". */
  reason: string;
  ruleId: string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function holds(condition: RoutingCondition, facts: RoutingFacts): boolean {
  switch (condition.field) {
    case 'brand':
      return condition.in.includes(facts.brandId);
    case 'network':
    case 'intent':
    case 'category':
    case 'language':
    case 'sentiment': {
      const value = facts[condition.field];
      return value !== null && condition.in.includes(value);
    }
    case 'complaint':
      return facts.complaint === condition.is;
    case 'priority':
    case 'authorFollowers':
      return facts[condition.field] >= condition.atLeast;
    case 'keywords':
      return condition.any.some((keyword) =>
        new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(keyword)}($|[^\\p{L}\\p{N}])`, 'iu').test(
          facts.text,
        ),
      );
  }
}

/**
 * Routes a new conversation once, on first touch: the first enabled rule whose conditions all
 * hold decides; if none does, the triage category's default team (if mapped); else nobody.
 */
export function routeConversation(
  rules: readonly RoutingRule[],
  facts: RoutingFacts,
  categoryTeams: Readonly<Record<string, string>>,
  teamNames: Readonly<Record<string, string>> = {},
): RoutingDecision {
  const name = (teamId: string | undefined | null) =>
    teamId ? (teamNames[teamId] ?? teamId) : 'no team';
  for (const rule of rules) {
    if (!rule.enabled || !rule.when.every((condition) => holds(condition, facts))) continue;
    const teamId = rule.then.teamId ?? null;
    return {
      teamId,
      priority: Math.max(facts.priority, rule.then.priority ?? 0),
      tags: [...new Set(rule.then.tags ?? [])].sort(),
      autoReply: rule.then.autoReply ?? null,
      skills: [...new Set(rule.then.skills ?? [])].sort(),
      reason: `routed to ${name(teamId)} by rule '${rule.name}'`,
      ruleId: rule.id,
    };
  }
  const defaultTeam = facts.category ? categoryTeams[facts.category] : undefined;
  return {
    teamId: defaultTeam ?? null,
    priority: facts.priority,
    tags: [],
    autoReply: null,
    skills: [],
    reason: defaultTeam
      ? `routed to ${name(defaultTeam)} by its category ${facts.category}`
      : 'no rule matched; waiting in the shared inbox',
    ruleId: null,
  };
}
