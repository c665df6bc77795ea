import type { Kysely } from 'kysely';
import { insertCampaign } from '../../store/campaigns.repository.ts';
import type { Database } from '../../store/schema.ts';
import type { DemoPost } from './demo-data.ts';

const hour = 60;
const day = 24 * hour;

/**
 * The demo's share contest (issue 19): the brand's Bluesky post offering a Free Swag bag, and
 * the replies people posted in its thread, heard like any mention. Two carry no hashtag or come
 * from staff, so the page shows that not everything heard counts.
 */
export const demoCampaignPosts: DemoPost[] = [
  {
    id: 'swag0',
    network: 'bluesky',
    handle: 'northwindair.bsky.social',
    name: 'Northwind Air',
    followers: 210000,
    minutesAgo: 3 * day,
    fromBrand: true,
    text: 'Share this post with #NorthwindSwag and tell us where you fly next: whoever shares it most this week wins a Free Swag bag ✈️🎒',
  },
  ...(
    [
      ['ana.flies', 'Ana Sousa', 2300, 3 * day - 40, 'Lisbon in May! #NorthwindSwag'],
      [
        'ben.kt',
        'Ben Kato',
        820,
        3 * day - 95,
        'Tokyo in April for the cherry blossoms, can not wait #northwindswag',
      ],
      ['ana.flies', 'Ana Sousa', 2300, 2 * day - 30, 'Still Lisbon, still excited #NorthwindSwag'],
      [
        'chloe.m',
        'Chloé Martin',
        15400,
        2 * day - 200,
        'Montréal for the jazz festival #NorthwindSwag',
      ],
      ['dev.rao', 'Dev Rao', 410, 1 * day - 60, 'Anywhere with a window seat #NorthwindSwag'],
      ['ben.kt', 'Ben Kato', 820, 1 * day - 120, 'Osaka after Tokyo #NorthwindSwag'],
      ['ana.flies', 'Ana Sousa', 2300, 10 * hour, 'Sharing again for the bag 🎒 #NorthwindSwag'],
      ['eli.w', 'Eli Weiss', 95, 6 * hour, 'Where do I sign up? Love this'],
      ['dev.rao', 'Dev Rao', 410, 2 * hour, 'Next stop Denver #NorthwindSwag'],
    ] as const
  ).map(([handle, name, followers, minutesAgo, text], index): DemoPost => ({
    id: `swag${index + 1}`,
    network: 'bluesky',
    handle: `${handle}.bsky.social`,
    name,
    followers,
    minutesAgo,
    text,
    replyTo: 'swag0',
  })),
];

/** Starts the contest on the brand's post above (`demo-swag0`), open a week from its first day. */
export async function seedDemoCampaign(
  db: Kysely<Database>,
  target: { workspaceId: string; brandId: string; createdBy: string },
  now: Date,
): Promise<string> {
  const startsAt = new Date(now.getTime() - (3 * day + hour) * 60_000);
  // The demo is seeded inside the caller's transaction (on first start), so none is opened here.
  return insertCampaign(db, {
    ...target,
    name: 'Free Swag bag week',
    posts: [{ network: 'bluesky', externalId: 'demo-swag0' }],
    startsAt,
    endsAt: new Date(startsAt.getTime() + 7 * day * 60_000),
    requiredHashtag: 'NorthwindSwag',
    entryMode: 'per_person',
    shareKinds: ['reply', 'quote', 'repost'],
    minAccountAgeDays: null,
    excludedAuthorIds: [],
    budgetCents: 25_000,
    userId: target.createdBy,
    now,
  });
}
