import type { Kysely } from 'kysely';
import type { Network } from '../../domain/network.ts';
import {
  addIdeaVote,
  insertIdea,
  linkIdeaMentions,
  setIdeaStatus,
} from '../../store/ideas.repository.ts';
import { findStoredMentions } from '../../store/mentions.repository.ts';
import type { Database } from '../../store/schema.ts';

/** A customer's post of the demo, by the external id it was stored under. */
export interface DemoIdeaPost {
  network: Network;
  externalId: string;
  text: string;
}

/**
 * The ideas board of the demo: what its customers suggested, each idea holding the posts that
 * asked for it (the history's and the live ones), voted for by the demo's people.
 */
const demoIdeas = [
  {
    match: 'seats for the whole family',
    title: 'Pick seats for the whole family in one go',
    description: 'Families choose seats one passenger at a time in the app today.',
    status: 'planned',
    votes: 4,
  },
  {
    match: 'bag tracker',
    title: 'A bag tracker in the app',
    description: 'See where a checked bag is, as other airlines show it.',
    status: 'under_review',
    votes: 3,
  },
  {
    match: 'inbound flight status',
    title: 'Show the inbound flight’s status',
    description: 'Whether the aircraft for my flight is on its way, before the gate says so.',
    status: 'new',
    votes: 2,
  },
  {
    match: 'choose a meal',
    title: 'Choose a meal when booking',
    description: 'Pick the meal with the ticket instead of on board.',
    status: 'new',
    votes: 1,
  },
  {
    match: 'power outlets',
    title: 'More power outlets at the gates',
    description: 'Suggested for several airports; for the airport teams.',
    status: 'new',
    votes: 0,
  },
] as const;

/**
 * Promotes the demo customers' suggestions to ideas, as an agent would from the inbox. Posts
 * are matched by the idea's words; an idea no post asked for is left out.
 */
export async function seedDemoIdeas(
  db: Kysely<Database>,
  target: { workspaceId: string; createdBy: string; voters: readonly string[] },
  posts: readonly DemoIdeaPost[],
  now: Date,
): Promise<number> {
  let made = 0;
  for (const idea of demoIdeas) {
    const asking = posts.filter((post) => post.text.toLowerCase().includes(idea.match));
    const mentionIds: string[] = [];
    for (const network of new Set(asking.map((post) => post.network))) {
      const externalIds = asking.filter((p) => p.network === network).map((p) => p.externalId);
      const stored = await findStoredMentions(db, target.workspaceId, network, externalIds);
      mentionIds.push(...stored.map((row) => row.id));
    }
    if (mentionIds.length === 0) continue;
    const { id } = await insertIdea(db, {
      workspaceId: target.workspaceId,
      title: idea.title,
      description: idea.description,
      createdBy: target.createdBy,
      now,
    });
    await linkIdeaMentions(db, target.workspaceId, id, mentionIds);
    if (idea.status !== 'new') {
      await setIdeaStatus(db, id, { status: idea.status, declinedReason: null, now });
    }
    for (const voter of target.voters.slice(0, idea.votes)) {
      await addIdeaVote(db, target.workspaceId, id, voter, now);
    }
    made += 1;
  }
  return made;
}
