import type { Kysely } from 'kysely';
import type { Mention } from '../../domain/mention.ts';
import type { Network } from '../../domain/network.ts';
import { createBrand } from '../../store/brands.repository.ts';
import { newId } from '../../store/ids.ts';
import type { Database } from '../../store/schema.ts';
import { insertSimulatedChannelAccount } from '../../store/simulated-channel-accounts.repository.ts';
import { addTeamMember, createTeam } from '../../store/teams.repository.ts';
import { createUser, findUserByEmail } from '../../store/users.repository.ts';
import { createWorkspace, upsertMembership } from '../../store/workspaces.repository.ts';
import { saveReplySettings } from '../../store/approvals.repository.ts';
import {
  demoAgents,
  demoBrand,
  demoCompetitor,
  demoCompetitorPosts,
  demoCompetitorReader,
  demoPosts,
  demoTeams,
} from './demo-data.ts';
import { generateDemoHistory } from './demo-history.ts';
import { seedDemoHistory } from './demo-history-seed.ts';
import { seedDemoIdeas } from './demo-ideas.ts';
import { demoCampaignPosts, seedDemoCampaign } from './demo-campaign.ts';
import { seedDemoSettings } from './demo-settings.ts';
import { seedDemoRouting } from './demo-routing.ts';
import type { DemoPost } from './demo-data.ts';
import { ingestMentions } from '../intake/ingest.ts';
import type { Assess } from '../intake/ingest.ts';

const demoWorkspaceName = 'Northwind Air (demo)';

function toMention(post: DemoPost, byId: Map<string, DemoPost>, now: Date): Mention {
  let root = post;
  while (root.replyTo && byId.has(root.replyTo)) root = byId.get(root.replyTo)!;
  return {
    network: post.network,
    externalId: `demo-${post.id}`,
    text: post.text,
    author: {
      externalId: `demo-user-${post.handle}`,
      handle: post.handle,
      displayName: post.name,
      followers: post.followers,
    },
    postedAt: new Date(now.getTime() - post.minutesAgo * 60_000),
    ...(post.replyTo
      ? { parentExternalId: `demo-${post.replyTo}`, rootExternalId: `demo-${root.id}` }
      : {}),
    isPrivate: post.private ?? false,
    fromBrand: post.fromBrand ?? false,
    engagement: { likes: post.likes ?? 0, reposts: post.reposts ?? 0 },
    raw: { demo: true, id: post.id },
  };
}

/** The simulated accounts of the demo's brands, one per brand and network, made when first needed. */
function simulatedAccounts(
  db: Kysely<Database>,
  workspaceId: string,
  brandNames: Map<string, string>,
) {
  const made = new Map<string, string>();
  return async (brandId: string, network: Network): Promise<string> => {
    const key = `${brandId} ${network}`;
    let id = made.get(key);
    if (!id) {
      id = newId();
      made.set(key, id);
      await insertSimulatedChannelAccount(db, {
        id,
        workspaceId,
        brandId,
        network,
        name: `${brandNames.get(brandId)} on ${network} (simulated)`,
      });
    }
    return id;
  };
}

/**
 * A workspace with a brand, a competitor, teams, agents, SLA policies, business hours, canned
 * responses, about 90 days of history and live-looking conversations, so a new user sees Earshot
 * working (and every report with a shape) before connecting a network. Its channel accounts are
 * simulated: replies are "sent" inside Earshot. The live posts arrive each at its own time, after
 * the history, so their SLA clocks run from when they were posted.
 */
export async function seedDemoWorkspace(
  db: Kysely<Database>,
  ownerId: string,
  now: Date,
  assess?: Assess,
  options: { history?: boolean } = {},
) {
  const workspace = await createWorkspace(db, demoWorkspaceName);
  await upsertMembership(db, { workspaceId: workspace.id, userId: ownerId, role: 'owner' });
  const brand = await createBrand(db, workspace.id, { ...demoBrand, isCompetitor: false });
  const competitor = await createBrand(db, workspace.id, { ...demoCompetitor, isCompetitor: true });
  const teams = new Map<string, string>();
  for (const name of demoTeams) teams.set(name, (await createTeam(db, workspace.id, name)).id);
  const agentsOfTeam = new Map<string, string[]>();
  for (const agent of demoAgents) {
    const user =
      (await findUserByEmail(db, agent.email)) ??
      (await createUser(db, { email: agent.email, name: agent.name, passwordHash: null }));
    await upsertMembership(db, { workspaceId: workspace.id, userId: user.id, role: agent.role });
    await addTeamMember(db, teams.get(agent.team)!, user.id);
    const teamId = teams.get(agent.team)!;
    agentsOfTeam.set(teamId, [...(agentsOfTeam.get(teamId) ?? []), user.id]);
  }
  // Before the posts arrive, so the demo's conversations are routed and timed as real ones are.
  await seedDemoRouting(db, workspace.id, teams, now);
  await seedDemoSettings(db, workspace.id, ownerId, teams, now);
  await saveReplySettings(
    db,
    workspace.id,
    { approvalUserIds: [], approveToneFlagged: false, csatEnabled: true, csatQuestion: null },
    now,
  );

  const accounts = simulatedAccounts(
    db,
    workspace.id,
    new Map([
      [brand.id, demoBrand.name],
      [competitor.id, demoCompetitor.name],
    ]),
  );
  if (options.history !== false) {
    await seedDemoHistory(
      db,
      {
        workspaceId: workspace.id,
        brandId: brand.id,
        competitorId: competitor.id,
        accounts,
        agentsOfTeam,
        anyAgent: [...agentsOfTeam.values()].flat(),
        reader: (await findUserByEmail(db, demoCompetitorReader))!.id,
      },
      now,
      assess,
    );
  }
  await ingestLivePosts(db, workspace.id, brand.id, false, demoPosts, accounts, now, assess);
  await ingestLivePosts(
    db,
    workspace.id,
    competitor.id,
    true,
    demoCompetitorPosts,
    accounts,
    now,
    assess,
  );
  // A share contest on the brand's post, with the shares heard so far.
  await ingestLivePosts(
    db,
    workspace.id,
    brand.id,
    false,
    demoCampaignPosts,
    accounts,
    now,
    assess,
  );
  await seedDemoCampaign(
    db,
    { workspaceId: workspace.id, brandId: brand.id, createdBy: ownerId },
    now,
  );
  // The ideas board: what the history's and the live customers suggested, promoted and voted on.
  const history = options.history === false ? [] : generateDemoHistory(now).flat();
  await seedDemoIdeas(
    db,
    {
      workspaceId: workspace.id,
      createdBy: ownerId,
      voters: [ownerId, ...new Set([...agentsOfTeam.values()].flat())],
    },
    [
      ...history
        .filter((post) => !post.competitor && post.kind === 'idea')
        .map((post) => ({
          network: post.network,
          externalId: `demo-${post.key}`,
          text: post.text,
        })),
      ...demoPosts.map((post) => ({
        network: post.network,
        externalId: `demo-${post.id}`,
        text: post.text,
      })),
    ],
    now,
  );
  return { workspace, brand };
}

/** Each post (or thread step) as its own batch, received a minute after it was posted. */
async function ingestLivePosts(
  db: Kysely<Database>,
  workspaceId: string,
  brandId: string,
  isCompetitor: boolean,
  posts: readonly DemoPost[],
  accounts: (brandId: string, network: Network) => Promise<string>,
  now: Date,
  assess: Assess | undefined,
): Promise<void> {
  const byId = new Map(posts.map((post) => [post.id, post]));
  for (const post of posts.toSorted((a, b) => b.minutesAgo - a.minutesAgo)) {
    const mention = toMention(post, byId, now);
    await ingestMentions(
      db,
      {
        workspaceId,
        brandId,
        isCompetitor,
        channelAccountId: await accounts(brandId, post.network),
        mentions: [mention],
      },
      new Date(Math.min(now.getTime(), mention.postedAt.getTime() + 60_000)),
      assess,
    );
  }
}
