import { describe, expect, it } from 'vitest';
import { leaderboard } from './campaign-leaderboard.ts';
import { drawWinners } from './campaign-draw.ts';
import type { Campaign, HeardPost } from './campaign.ts';

const campaign: Campaign = {
  posts: [{ network: 'bluesky', externalId: 'root' }],
  startsAt: new Date('2026-06-01T00:00:00Z'),
  endsAt: new Date('2026-06-08T00:00:00Z'),
  rules: {
    requiredHashtag: null,
    entryMode: 'per_person',
    excludedAuthorIds: [],
    shareKinds: ['reply', 'quote', 'repost'],
    minAccountAgeDays: null,
  },
};

let serial = 0;
const share = (author: string, day: number, followers: number | null = 5): HeardPost => {
  serial += 1;
  return {
    id: `m${serial}`,
    network: 'bluesky',
    externalId: `post-${serial}`,
    text: 'shared',
    authorExternalId: author,
    authorHandle: `${author}.test`,
    authorFollowers: followers,
    url: null,
    postedAt: new Date(Date.UTC(2026, 5, day, 12)),
    parentExternalId: 'root',
    rootExternalId: 'root',
    isPrivate: false,
    fromBrand: false,
    isSpam: false,
  };
};

describe('a campaign leaderboard', () => {
  it('ranks by shares, then the earliest first share, then the author id', () => {
    const heard = [
      share('carol', 2),
      share('carol', 3),
      share('bob', 4),
      share('ann', 4),
      share('dave', 1),
    ];
    const board = leaderboard(campaign, heard);
    expect(board.map((e) => [e.rank, e.authorExternalId, e.shares])).toEqual([
      [1, 'carol', 2],
      [2, 'dave', 1],
      [3, 'ann', 1],
      [4, 'bob', 1],
    ]);
  });

  it("counts each person's shares by kind", () => {
    const quote = {
      ...share('ann', 2),
      parentExternalId: null,
      rootExternalId: null,
      quotedExternalId: 'root',
    };
    const repost = {
      ...share('ann', 3),
      text: '',
      parentExternalId: null,
      rootExternalId: null,
      repostOf: 'root',
    };
    const [ann] = leaderboard(campaign, [share('ann', 1), quote, repost, share('bob', 4)]);
    expect(ann).toMatchObject({
      authorExternalId: 'ann',
      shares: 3,
      byKind: { reply: 1, quote: 1, repost: 1 },
    });
  });

  it('gives one entry per person, or one per share when the rules say so', () => {
    const heard = [share('ann', 2), share('ann', 3), share('bob', 2)];
    expect(leaderboard(campaign, heard).map((e) => e.entries)).toEqual([1, 1]);
    const perShare = { ...campaign, rules: { ...campaign.rules, entryMode: 'per_share' as const } };
    expect(leaderboard(perShare, heard).map((e) => e.entries)).toEqual([2, 1]);
  });
});

describe('drawing a campaign winner', () => {
  const heard = ['ann', 'bob', 'carol', 'dave', 'erin', 'fay'].map((a, i) => share(a, i + 1));
  const board = leaderboard(campaign, heard);

  it('gives the same winners for the same seed, whatever order the entrants come in', () => {
    const first = drawWinners(board, 'random', 3, 'published-seed-42');
    const again = drawWinners([...board].reverse(), 'random', 3, 'published-seed-42');
    expect(again.winnerIds).toEqual(first.winnerIds);
    expect(new Set(first.winnerIds).size).toBe(3);
    expect(first.entrantIds).toEqual(['ann', 'bob', 'carol', 'dave', 'erin', 'fay']);
  });

  it('gives different winners for different seeds (somewhere among a few)', () => {
    const picks = ['a', 'b', 'c', 'd', 'e'].map((seed) =>
      drawWinners(board, 'random', 1, seed).winnerIds.join(),
    );
    expect(new Set(picks).size).toBeGreaterThan(1);
  });

  it('never draws one person twice, and draws everyone when asked for more', () => {
    const perShare = { ...campaign, rules: { ...campaign.rules, entryMode: 'per_share' as const } };
    const many = leaderboard(perShare, [share('ann', 1), share('ann', 2), share('bob', 3)]);
    const result = drawWinners(many, 'random', 5, 'seed');
    expect(result.entrantIds).toEqual(['ann', 'ann', 'bob']);
    expect([...result.winnerIds].sort()).toEqual(['ann', 'bob']);
  });

  it('takes the top of the leaderboard for most shares, and refuses a draw without a seed', () => {
    expect(drawWinners(board, 'most_shares', 2, null).winnerIds).toEqual(['ann', 'bob']);
    expect(() => drawWinners(board, 'random', 1, '')).toThrow(/seed/);
  });
});
