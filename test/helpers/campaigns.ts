import type { SeededWorkspace } from './seed.ts';

/**
 * The body of a two-day share contest from `startsAt` on one Bluesky post of the workspace's
 * brand, asking for #Summer and leaving out `did:plc:staff`; `over` changes any field.
 */
export function summerCampaignBody(
  ws: SeededWorkspace,
  post: string,
  startsAt: Date,
  over: Record<string, unknown> = {},
) {
  return {
    name: 'Summer giveaway',
    brandId: ws.brandId,
    posts: [{ network: 'bluesky', externalId: post }],
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 48 * 3600_000).toISOString(),
    requiredHashtag: '#Summer',
    excludedAuthorIds: ['did:plc:staff'],
    ...over,
  };
}
