import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blueskyChanges,
  blueskyReposts,
  normalizeBlueskyEvent,
} from '../../src/channels/bluesky/normalize.ts';
import type { BlueskyRepostEvent } from '../../src/channels/bluesky/post-event.ts';
import { storeChannelBatch } from '../../src/pipeline/intake/channel-runner-batch.ts';
import { saveAuthorProfiles } from '../../src/store/author-profiles.repository.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { startTwoWorkspaces } from '../helpers/two-workspaces.ts';
import { summerCampaignBody } from '../helpers/campaigns.ts';
import { addMention } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Quotes and reposts as shares, the minimum account age and the report's new voices, through
// the API over what intake stored (reposts through the same batch path the channel runner uses).

interface Share {
  mentionId: string | null;
  repostId: string | null;
  kind: string;
  authorHandle: string;
  url: string | null;
}
interface Detail {
  id: string;
  shareKinds: string[];
  minAccountAgeDays: number | null;
  leaderboard: Array<{
    authorExternalId: string;
    shares: number;
    byKind: Record<string, number>;
  }>;
  shares: Share[];
  report: {
    shares: number;
    sharesByKind: Record<string, number>;
    sentiment: Record<string, number>;
    refused: Record<string, number>;
    newVoices: { count: number; listed: Array<{ authorHandle: string }> };
  };
}

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let viewer: Caller;
let stranger: Caller;

const brandPost = 'at://did:plc:brand/app.bsky.feed.post/summer';
const startsAt = new Date(Date.now() - 24 * 3600_000);
const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000);
const daysBefore = (days: number) => new Date(startsAt.getTime() - days * 86_400_000);
const campaigns = (ws: SeededWorkspace) => `/api/v1/workspaces/${ws.workspaceId}/campaigns`;

function quote(ws: SeededWorkspace, who: string, text: string, minutes: number, joined?: Date) {
  return addMention(api.db, ws, {
    text,
    author: {
      externalId: `did:plc:${who}`,
      handle: `${who}.test`,
      followers: 10,
      ...(joined ? { createdAt: joined } : {}),
    },
    url: `https://bsky.app/profile/${who}.test/post/q${minutes}`,
    postedAt: at(minutes),
    quotedExternalId: brandPost,
  });
}

/** A repost as the firehose source delivers it, stored through the channel runner's batch. */
async function repost(ws: SeededWorkspace, who: string, minutes: number, subject = brandPost) {
  const raw: BlueskyRepostEvent = {
    kind: 'bluesky.repost',
    uri: `at://did:plc:${who}/app.bsky.feed.repost/r${minutes}`,
    subjectUri: subject,
    author: { did: `did:plc:${who}`, handle: `${who}.test` },
    createdAt: at(minutes).toISOString(),
    seq: minutes,
    time: at(minutes).toISOString(),
  };
  const channel = {
    normalize: normalizeBlueskyEvent,
    changes: blueskyChanges,
    reposts: blueskyReposts,
  };
  const account = {
    id: ws.channelAccountId,
    workspaceId: ws.workspaceId,
    brandId: ws.brandId,
    network: 'bluesky' as const,
  };
  // Twice: a replayed batch keeps one record.
  for (let time = 0; time < 2; time += 1)
    await storeChannelBatch(api.db, account, channel, [{ raw }], new Date());
}

async function createCampaign(ws: SeededWorkspace, as: Caller, over: Record<string, unknown>) {
  const answer = await api.request('POST', campaigns(ws), {
    as,
    body: summerCampaignBody(ws, brandPost, startsAt, over),
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json as unknown as Detail;
}

beforeAll(async () => {
  ({ api, acme, other, admin, viewer, stranger } = await startTwoWorkspaces('Shares'));
  // Heard before the campaign: an old voice.
  await addMention(api.db, acme, {
    text: 'love the brand',
    author: { externalId: 'did:plc:olga', handle: 'olga.test' },
    postedAt: daysBefore(3),
  });
  await addMention(api.db, acme, {
    text: 'reply #summer',
    author: { externalId: 'did:plc:ann', handle: 'ann.test', createdAt: daysBefore(400) },
    postedAt: at(1),
    parentExternalId: brandPost,
    rootExternalId: brandPost,
  });
  await quote(acme, 'ann', 'quoting it #summer', 2, daysBefore(400));
  await quote(acme, 'bob', 'quoting without the tag', 3, daysBefore(400));
  await quote(acme, 'olga', 'olga quotes #summer', 4, daysBefore(900));
  await quote(acme, 'newbie', 'brand new #summer', 5, daysBefore(2));
  await quote(acme, 'staff', 'our post #summer', 6, daysBefore(900));
  await repost(acme, 'cara', 7);
  await repost(acme, 'dan', 8);
  await repost(acme, 'cara', 9, 'at://did:plc:brand/app.bsky.feed.post/other');
  await repost(other, 'eve', 10);
  // The reposters' profiles, fetched after intake: cara's says when she joined, dan's does not.
  await saveAuthorProfiles(
    api.db,
    acme.workspaceId,
    'bluesky',
    [
      { externalId: 'did:plc:cara', displayName: 'Cara', accountCreatedAt: daysBefore(100) },
      { externalId: 'did:plc:dan', displayName: undefined },
    ],
    new Date(),
  );
});
afterAll(async () => api?.close());

describe('share contests with quotes and reposts', () => {
  it('counts replies, quotes (with the hashtag) and reposts (without), each with its kind and link', async () => {
    const detail = await createCampaign(acme, admin, { shareKinds: ['reply', 'quote', 'repost'] });
    expect(detail.shareKinds).toEqual(['reply', 'quote', 'repost']);
    expect(detail.shares.map((s) => [s.authorHandle, s.kind])).toEqual([
      ['ann.test', 'reply'],
      ['ann.test', 'quote'],
      ['olga.test', 'quote'],
      ['newbie.test', 'quote'],
      ['cara.test', 'repost'],
      ['dan.test', 'repost'],
    ]);
    const caraShare = detail.shares.find((s) => s.authorHandle === 'cara.test')!;
    expect(caraShare).toMatchObject({ mentionId: null, url: 'https://bsky.app/profile/cara.test' });
    expect(caraShare.repostId).toEqual(expect.any(String));
    expect(detail.shares[1]!.url).toBe('https://bsky.app/profile/ann.test/post/q2');
    const ann = detail.leaderboard.find((e) => e.authorExternalId === 'did:plc:ann')!;
    expect(ann).toMatchObject({ shares: 2, byKind: { reply: 1, quote: 1, repost: 0 } });
    expect(detail.report.sharesByKind).toEqual({ reply: 1, quote: 3, repost: 2 });
    // Reposts have no text: sentiment is of the replies and quotes only.
    const judged = Object.values(detail.report.sentiment).reduce((sum, n) => sum + n, 0);
    expect(judged).toBe(4);
  });

  it('counts only the kinds the campaign names', async () => {
    const quotes = await createCampaign(acme, admin, { shareKinds: ['quote'] });
    expect(quotes.report.sharesByKind).toEqual({ reply: 0, quote: 3, repost: 0 });
    const plain = await createCampaign(acme, admin, {});
    expect(plain.shareKinds).toEqual(['reply']);
    expect(plain.shares.map((s) => s.kind)).toEqual(['reply']);
  });

  it('leaves out accounts younger than the minimum age, and those of unknown age', async () => {
    const detail = await createCampaign(acme, admin, {
      shareKinds: ['reply', 'quote', 'repost'],
      minAccountAgeDays: 30,
    });
    expect(detail.minAccountAgeDays).toBe(30);
    // newbie joined 2 days before; dan's profile says nothing of when he joined.
    expect(detail.shares.map((s) => s.authorHandle)).toEqual([
      'ann.test',
      'ann.test',
      'olga.test',
      'cara.test',
    ]);
    expect(detail.report.refused).toEqual({
      missing_hashtag: 1,
      excluded_author: 1,
      account_too_young: 1,
      account_age_unknown: 1,
    });
  });

  it('reports the new voices: authors heard in the window and never before it', async () => {
    const detail = await createCampaign(acme, admin, {});
    const handles = detail.report.newVoices.listed.map((v) => v.authorHandle);
    expect(handles).toEqual(['ann.test', 'bob.test', 'newbie.test', 'staff.test']);
    expect(detail.report.newVoices.count).toBe(4);
    const fetched = await api.request('GET', `${campaigns(acme)}/${detail.id}`, { as: viewer });
    expect((fetched.json as unknown as Detail).report.newVoices.count).toBe(4);
  });

  it("never counts another workspace's reposts, nor shows them", async () => {
    const theirs = await createCampaign(other, stranger, { shareKinds: ['repost'] });
    expect(theirs.shares.map((s) => s.authorHandle)).toEqual(['eve.test']);
    const ours = await createCampaign(acme, admin, { shareKinds: ['repost'] });
    expect(ours.shares.map((s) => s.authorHandle)).toEqual(['cara.test', 'dan.test']);
  });
  it("forgets who made an erased person's reposts, keeping the share itself", async () => {
    await repost(acme, 'bob', 30);
    const before = await createCampaign(acme, admin, { shareKinds: ['repost'] });
    expect(before.shares.map((s) => s.authorHandle)).toContain('bob.test');
    const contact = await api.db
      .selectFrom('contact_identities')
      .select('contact_id')
      .where('workspace_id', '=', acme.workspaceId)
      .where('external_id', '=', 'did:plc:bob')
      .executeTakeFirstOrThrow();
    const erased = await api.request(
      'POST',
      `/api/v1/workspaces/${acme.workspaceId}/contacts/${contact.contact_id}/erase`,
      { as: await api.login(acme.users.owner), body: { reason: 'asked by email' } },
    );
    expect(erased.status, erased.text).toBeLessThan(300);
    const rows = await api.db
      .selectFrom('reposts')
      .select(['author_external_id', 'author_handle', 'url'])
      .where('workspace_id', '=', acme.workspaceId)
      .where('external_id', '=', 'at://did:plc:bob/app.bsky.feed.repost/r30')
      .execute();
    expect(rows).toEqual([
      { author_external_id: expect.stringMatching(/^erased:/), author_handle: 'erased', url: null },
    ]);
    // The share stays (counts are kept), no longer saying whose it was.
    const after = await createCampaign(acme, admin, { shareKinds: ['repost'] });
    expect(after.shares).toHaveLength(before.shares.length);
    expect(after.shares.map((s) => s.authorHandle)).toEqual(['cara.test', 'dan.test', 'erased']);
  });
});
