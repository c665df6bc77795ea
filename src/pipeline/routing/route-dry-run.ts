import type { Kysely } from 'kysely';
import type { Network } from '../../domain/network.ts';
import { routeConversation } from '../../domain/routing.ts';
import type { RoutingDecision, RoutingFacts } from '../../domain/routing.ts';
import { getCategoryTeams } from '../../store/routing/routing-categories.repository.ts';
import { findTeamNames } from '../../store/routing/routing-decisions.repository.ts';
import { listRoutingRules } from '../../store/routing/routing-rules.repository.ts';
import type { Database } from '../../store/schema.ts';
import type { Assess } from '../intake/ingest.ts';
import { routingFacts } from './route-facts.ts';

interface DryRunInput {
  text: string;
  network: Network;
  brandId: string | null;
  authorFollowers: number;
}

interface DryRun {
  facts: RoutingFacts;
  decision: RoutingDecision;
  ruleName: string | null;
  teamName: string | null;
}

/**
 * Which rule would route this text, and where to: the text goes through the same triage seam
 * and the same rules as a mention at intake, and nothing is stored.
 */
export async function dryRunRouting(
  db: Kysely<Database>,
  workspaceId: string,
  input: DryRunInput,
  assess: Assess,
  now: Date,
): Promise<DryRun> {
  const assessment = assess(
    {
      network: input.network,
      externalId: 'dry-run',
      text: input.text,
      author: { externalId: 'dry-run', handle: 'dry-run', followers: input.authorFollowers },
      postedAt: now,
      isPrivate: false,
      raw: {},
    },
    now,
  );
  const facts = routingFacts({
    brandId: input.brandId ?? '',
    network: input.network,
    text: input.text,
    language: assessment.language ?? null,
    sentiment: assessment.sentiment,
    priority: assessment.priority,
    authorFollowers: input.authorFollowers,
    details: assessment.details ?? {},
  });
  const rules = await listRoutingRules(db, workspaceId);
  const teamNames = await findTeamNames(db, workspaceId);
  const decision = routeConversation(
    rules,
    facts,
    await getCategoryTeams(db, workspaceId),
    teamNames,
  );
  return {
    facts,
    decision,
    ruleName: rules.find((rule) => rule.id === decision.ruleId)?.name ?? null,
    teamName: decision.teamId ? (teamNames[decision.teamId] ?? null) : null,
  };
}
