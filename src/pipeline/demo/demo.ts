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
import { demoAgents, demoBrand, demoCompetitor, demoPosts, demoTeams } from './demo-data.ts';
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

/**
 * A workspace with a brand, a competitor, teams, agents and live-looking conversations, so a
 * new user sees Earshot working before connecting a network. Its channel accounts are simulated:
 * replies are "sent" inside Earshot.
 */
export async function seedDemoWorkspace(
  db: Kysely<Database>,
  ownerId: string,
  now: Date,
  assess?: Assess,
) {
  const workspace = await createWorkspace(db, demoWorkspaceName);
  await upsertMembership(db, { workspaceId: workspace.id, userId: ownerId, role: 'owner' });
  const brand = await createBrand(db, workspace.id, { ...demoBrand, isCompetitor: false });
  await createBrand(db, workspace.id, { ...demoCompetitor, isCompetitor: true });
  const teams = new Map<string, string>();
  for (const name of demoTeams) teams.set(name, (await createTeam(db, workspace.id, name)).id);
  for (const agent of demoAgents) {
    const user =
      (await findUserByEmail(db, agent.email)) ??
      (await createUser(db, { email: agent.email, name: agent.name, passwordHash: null }));
    await upsertMembership(db, { workspaceId: workspace.id, userId: user.id, role: agent.role });
    await addTeamMember(db, teams.get(agent.team)!, user.id);
  }
  // Before the posts arrive, so the demo's conversations are routed as real ones would be.
  await seedDemoRouting(db, workspace.id, teams, now);

  const byId = new Map(demoPosts.map((post) => [post.id, post]));
  const networks = [...new Set(demoPosts.map((post) => post.network))];
  for (const network of networks) {
    const accountId = newId();
    await insertSimulatedChannelAccount(db, {
      id: accountId,
      workspaceId: workspace.id,
      brandId: brand.id,
      network,
      name: `${demoBrand.name} on ${network} (simulated)`,
    });
    await ingestMentions(
      db,
      {
        workspaceId: workspace.id,
        brandId: brand.id,
        channelAccountId: accountId,
        mentions: demoPosts
          .filter((post) => post.network === (network as Network))
          .map((post) => toMention(post, byId, now)),
      },
      now,
      assess,
    );
  }
  return { workspace, brand };
}
