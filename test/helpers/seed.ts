import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/security/passwords.ts';
import type { Role } from '../../src/domain/roles.ts';
import type { Mention } from '../../src/domain/mention.ts';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { createBrand } from '../../src/store/brands.repository.ts';
import { insertCannedResponse } from '../../src/store/canned-responses.repository.ts';
import { insertCampaign, insertDraw } from '../../src/store/campaigns.repository.ts';
import { insertIdea, linkIdeaMentions } from '../../src/store/ideas.repository.ts';
import { insertReplyApproval } from '../../src/store/approvals.repository.ts';
import { insertReply } from '../../src/store/replies.repository.ts';
import { newId } from '../../src/store/ids.ts';
import type { Database } from '../../src/store/schema.ts';
import { createUser } from '../../src/store/users.repository.ts';
import { createWorkspace, upsertMembership } from '../../src/store/workspaces.repository.ts';

// A cheap scrypt cost keeps tests quick; production hashes use the default cost.
const testCost = { N: 2 ** 10, r: 8, p: 1 };
let counter = 0;

export interface SeededUser {
  id: string;
  email: string;
  password: string;
}

export async function seedUser(db: Kysely<Database>, name = 'Test User'): Promise<SeededUser> {
  counter += 1;
  const email = `user${counter}-${newId().slice(-8)}@example.test`;
  const password = `password-${newId()}`;
  const user = await createUser(db, {
    email,
    name,
    passwordHash: await hashPassword(password, testCost),
  });
  return { id: user.id, email, password };
}

export interface SeededWorkspace {
  workspaceId: string;
  brandId: string;
  channelAccountId: string;
  users: Record<Role, SeededUser>;
}

/** A workspace with one member of each role, a brand, and a simulated channel account. */
export async function seedWorkspace(db: Kysely<Database>, name = 'Acme'): Promise<SeededWorkspace> {
  const workspace = await createWorkspace(db, `${name} ${newId().slice(-6)}`);
  const users = {} as Record<Role, SeededUser>;
  for (const role of ['owner', 'admin', 'agent', 'viewer'] as const) {
    users[role] = await seedUser(db, `${name} ${role}`);
    await upsertMembership(db, { workspaceId: workspace.id, userId: users[role].id, role });
  }
  const brand = await createBrand(db, workspace.id, {
    name: `${name} Brand`,
    handles: ['@acme'],
    keywords: ['acme'],
    isCompetitor: false,
  });
  const channelAccountId = newId();
  await db
    .insertInto('channel_accounts')
    .values({
      id: channelAccountId,
      workspace_id: workspace.id,
      brand_id: brand.id,
      network: 'bluesky',
      name: 'Acme (simulated)',
      simulated: true,
    })
    .execute();
  return { workspaceId: workspace.id, brandId: brand.id, channelAccountId, users };
}

let mentionCounter = 0;

export function makeMention(overrides: Partial<Mention> = {}): Mention {
  mentionCounter += 1;
  return {
    network: 'bluesky',
    externalId: `at://did:plc:test/app.bsky.feed.post/${newId()}`,
    text: `Test mention ${mentionCounter}`,
    author: {
      externalId: `did:plc:customer${mentionCounter}`,
      handle: `customer${mentionCounter}.test`,
      followers: 10,
    },
    postedAt: new Date(),
    isPrivate: false,
    raw: {},
    ...overrides,
  };
}

/** Stores one mention through the real ingest pipeline; returns its conversation. */
export async function addMention(
  db: Kysely<Database>,
  seeded: SeededWorkspace,
  overrides: Partial<Mention> = {},
) {
  const mention = makeMention(overrides);
  await ingestMentions(
    db,
    {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      channelAccountId: seeded.channelAccountId,
      mentions: [mention],
    },
    new Date(),
  );
  const row = await db
    .selectFrom('mentions')
    .select(['id', 'conversation_id'])
    .where('workspace_id', '=', seeded.workspaceId)
    .where('external_id', '=', mention.externalId)
    .executeTakeFirstOrThrow();
  return { conversationId: row.conversation_id, mentionId: row.id, mention };
}

/** The contact who wrote a stored mention. */
export async function contactOfMention(db: Kysely<Database>, mentionId: string): Promise<string> {
  const row = await db
    .selectFrom('mentions as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select('c.contact_id')
    .where('m.id', '=', mentionId)
    .executeTakeFirstOrThrow();
  return row.contact_id;
}

/** A canned response of the workspace (of a team, when one is named); returns its id. */
export async function seedCannedResponse(
  db: Kysely<Database>,
  seeded: SeededWorkspace,
  teamId: string | null = null,
): Promise<string> {
  const row = await insertCannedResponse(db, {
    workspaceId: seeded.workspaceId,
    teamId,
    name: `Thanks ${newId().slice(-6)}`,
    body: 'Thanks {{customer.name}}, {{agent.firstName}} at {{brand.name}} here.',
    createdBy: seeded.users.admin.id,
    now: new Date(),
  });
  return row.id;
}

/** Two ideas promoted from a mention: one to act on, one to merge it into. */
export async function seedIdeas(db: Kysely<Database>, seeded: SeededWorkspace, mentionId: string) {
  const ids: string[] = [];
  for (const title of ['Seat maps in the app', 'Choose seats in the app']) {
    const idea = await insertIdea(db, {
      workspaceId: seeded.workspaceId,
      title,
      description: '',
      createdBy: seeded.users.agent.id,
      now: new Date(),
    });
    await linkIdeaMentions(db, seeded.workspaceId, idea.id, [mentionId]);
    ids.push(idea.id);
  }
  return { ideaId: ids[0]!, spareIdeaId: ids[1]! };
}

/** A reply by the agent that waits for a lead's approval; returns its id. */
export async function seedAwaitingReply(
  db: Kysely<Database>,
  seeded: SeededWorkspace,
  conversationId: string,
): Promise<string> {
  const reply = await insertReply(db, {
    workspaceId: seeded.workspaceId,
    conversationId,
    inReplyToMentionId: null,
    authorId: seeded.users.agent.id,
    network: 'bluesky',
    text: 'Sorry about that, we are on it.',
    visibility: 'public',
    status: 'awaiting_approval',
    idempotencyKey: `${seeded.workspaceId}:${newId()}`,
    now: new Date(),
  });
  await insertReplyApproval(db, {
    replyId: reply!.id,
    workspaceId: seeded.workspaceId,
    reasons: ['agent'],
    toneFlags: [],
    now: new Date(),
  });
  return reply!.id;
}

/** A week-long share contest of the workspace on one brand post, no hashtag; returns its id. */
export function seedCampaign(db: Kysely<Database>, seeded: SeededWorkspace, name: string) {
  return insertCampaign(db, {
    workspaceId: seeded.workspaceId,
    brandId: seeded.brandId,
    name,
    posts: [{ network: 'bluesky', externalId: `at://${seeded.workspaceId}/app.bsky.feed.post/1` }],
    startsAt: new Date('2026-06-01T00:00:00Z'),
    endsAt: new Date('2026-06-08T00:00:00Z'),
    requiredHashtag: null,
    entryMode: 'per_person',
    excludedAuthorIds: [],
    shareKinds: ['reply'],
    minAccountAgeDays: null,
    budgetCents: null,
    userId: seeded.users.owner.id,
    now: new Date(),
  });
}

/** A draw of the campaign, recorded as made, with one winner whose share was never heard. */
export function seedCampaignDraw(
  db: Kysely<Database>,
  seeded: SeededWorkspace,
  campaignId: string,
) {
  return insertDraw(db, {
    method: 'random',
    seed: 'seeded',
    entrantIds: ['did:plc:winner'],
    winnerIds: ['did:plc:winner'],
    winnerCount: 1,
    workspaceId: seeded.workspaceId,
    campaignId,
    userId: seeded.users.owner.id,
    now: new Date(),
  });
}
