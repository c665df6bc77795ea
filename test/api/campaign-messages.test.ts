import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, TestApi } from '../helpers/api.ts';
import { startTwoWorkspaces } from '../helpers/two-workspaces.ts';
import { addMention } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface Recipient {
  recipient: string;
  handle: string | null;
  mentionId: string | null;
  cannotSend: string | null;
  draft: string;
  message: { outcome: string; reason: string | null; replyId: string | null } | null;
}
interface Review {
  announcements: Recipient[];
  winners: Recipient[];
  history: Array<{ kind: string; recipient: string; outcome: string; replyId: string | null }>;
  outcome?: { sent: number; notSent: number; alreadyRecorded: number };
}

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let agent: Caller;
let stranger: Caller;

beforeAll(async () => {
  ({ api, acme, other, admin, agent, stranger } = await startTwoWorkspaces('Messages'));
});
afterAll(async () => api?.close());

const campaigns = (ws: SeededWorkspace) => `/api/v1/workspaces/${ws.workspaceId}/campaigns`;
const startsAt = new Date(Date.now() - 24 * 3600_000);
let postCounter = 0;

/** The brand's own post, heard on the network (as the firehose hears a brand's posts). */
async function brandPost(ws: SeededWorkspace, heard = true) {
  postCounter += 1;
  const externalId = `at://did:plc:brand/app.bsky.feed.post/contest${postCounter}`;
  if (!heard) return { externalId, mentionId: null };
  const { mentionId } = await addMention(api.db, ws, {
    externalId,
    text: 'Share this post for a Free Swag bag!',
    author: { externalId: 'did:plc:brand', handle: 'brand.test', followers: 5000 },
    postedAt: startsAt,
    fromBrand: true,
  });
  return { externalId, mentionId };
}

function share(ws: SeededWorkspace, post: string, who: string, minutesIn: number) {
  return addMention(api.db, ws, {
    text: `count me in ${minutesIn}`,
    author: { externalId: `did:plc:${who}`, handle: `${who}.test`, followers: 10 },
    postedAt: new Date(startsAt.getTime() + minutesIn * 60_000),
    parentExternalId: post,
    rootExternalId: post,
  });
}

async function campaignWithDraw(posts: string[], winners: number) {
  const created = await api.request('POST', campaigns(acme), {
    as: admin,
    body: {
      name: 'Swag bag',
      brandId: acme.brandId,
      posts: posts.map((externalId) => ({ network: 'bluesky', externalId })),
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 48 * 3600_000).toISOString(),
    },
  });
  const campaignId = created.json.id as string;
  const drawn = await api.request('POST', `${campaigns(acme)}/${campaignId}/draws`, {
    as: admin,
    body: { method: 'most_shares', winners },
  });
  return `${campaigns(acme)}/${campaignId}/draws/${drawn.json.id as string}`;
}

async function reply(id: string) {
  return api.db
    .selectFrom('replies')
    .select(['in_reply_to_mention_id', 'status', 'text', 'visibility'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe("a draw's announcement and winners' messages", () => {
  it('announces on the brand post and messages each winner on their share, through the outbox', async () => {
    const post = await brandPost(acme);
    const ann = await share(acme, post.externalId, 'ann', 5);
    await share(acme, post.externalId, 'ann', 6);
    const bob = await share(acme, post.externalId, 'bob', 7);
    await share(acme, post.externalId, 'cat', 8);
    const draw = await campaignWithDraw([post.externalId], 2);

    const review = (await api.request('GET', `${draw}/messages`, { as: agent }))
      .json as unknown as Review;
    expect(review.announcements).toMatchObject([
      { recipient: post.externalId, mentionId: post.mentionId, cannotSend: null },
    ]);
    expect(review.winners.map((w) => [w.handle, w.cannotSend])).toEqual([
      ['ann.test', null],
      ['bob.test', null],
    ]);
    expect(review.winners[0]!.draft).toContain('@ann.test');

    const announced = await api.request('POST', `${draw}/announcement`, {
      as: admin,
      body: { text: 'Congratulations to @ann.test and @bob.test, our winners!' },
    });
    expect(announced.status).toBe(200);
    const afterAnnounce = announced.json as unknown as Review;
    expect(afterAnnounce.outcome).toEqual({ sent: 1, notSent: 0, alreadyRecorded: 0 });
    const announcement = await reply(afterAnnounce.announcements[0]!.message!.replyId!);
    expect(announcement).toMatchObject({
      in_reply_to_mention_id: post.mentionId,
      status: 'queued',
      visibility: 'public',
    });

    // Bob deletes his share before he is messaged: he is recorded as not messaged, with why.
    await api.db
      .updateTable('mentions')
      .set({ deleted_at: new Date() })
      .where('id', '=', bob.mentionId)
      .execute();
    const messages = review.winners.map((w) => ({ recipient: w.recipient, text: w.draft }));
    const sent = await api.request('POST', `${draw}/winner-messages`, {
      as: admin,
      body: { messages },
    });
    expect(sent.status).toBe(200);
    const afterSend = sent.json as unknown as Review;
    expect(afterSend.outcome).toEqual({ sent: 1, notSent: 1, alreadyRecorded: 0 });
    const [annRecord, bobRecord] = afterSend.winners.map((w) => w.message!);
    expect(bobRecord).toMatchObject({ outcome: 'not_sent', reason: 'post_deleted', replyId: null });
    // Ann's newest share is answered, with the drafted words.
    const toAnn = await reply(annRecord!.replyId!);
    expect(toAnn.status).toBe('queued');
    expect(toAnn.text).toBe(review.winners[0]!.draft);
    expect(toAnn.in_reply_to_mention_id).not.toBe(ann.mentionId);
    expect(afterSend.history.map((m) => [m.kind, m.outcome])).toEqual([
      ['announcement', 'sent'],
      ['winner', 'sent'],
      ['winner', 'not_sent'],
    ]);

    const again = await api.request('POST', `${draw}/winner-messages`, {
      as: admin,
      body: { messages },
    });
    expect((again.json as unknown as Review).outcome).toEqual({
      sent: 0,
      notSent: 0,
      alreadyRecorded: 2,
    });
    const replies = await api.db
      .selectFrom('replies')
      .select('id')
      .where('workspace_id', '=', acme.workspaceId)
      .execute();
    expect(replies).toHaveLength(2);
  });

  it('does not message a winner twice across draws, nor announce on a post never heard', async () => {
    const heard = await brandPost(acme);
    const unheard = await brandPost(acme, false);
    await share(acme, heard.externalId, 'dan', 5);
    const first = await campaignWithDraw([heard.externalId, unheard.externalId], 1);
    const { winners } = (await api.request('GET', `${first}/messages`, { as: admin }))
      .json as unknown as Review;
    await api.request('POST', `${first}/winner-messages`, {
      as: admin,
      body: { messages: [{ recipient: winners[0]!.recipient, text: 'You won!' }] },
    });
    const drawPath = first.slice(0, first.lastIndexOf('/'));
    const second = await api.request('POST', drawPath, {
      as: admin,
      body: { method: 'most_shares', winners: 1 },
    });
    const secondDraw = `${drawPath}/${second.json.id as string}`;
    const review = (await api.request('GET', `${secondDraw}/messages`, { as: admin }))
      .json as unknown as Review;
    expect(review.winners.map((w) => w.cannotSend)).toEqual(['already_messaged']);
    const announced = (
      await api.request('POST', `${secondDraw}/announcement`, {
        as: admin,
        body: { text: 'And the winner is @dan.test' },
      })
    ).json as unknown as Review;
    expect(announced.outcome).toEqual({ sent: 1, notSent: 1, alreadyRecorded: 0 });
    const byPost = Object.fromEntries(
      announced.announcements.map((a) => [a.recipient, a.message?.reason ?? a.message?.outcome]),
    );
    expect(byPost).toEqual({ [heard.externalId]: 'sent', [unheard.externalId]: 'post_not_heard' });
  });

  it('drafts from a template, refuses unknown variables, empty or too long text, and strangers', async () => {
    const post = await brandPost(acme);
    await share(acme, post.externalId, 'eve', 5);
    const draw = await campaignWithDraw([post.externalId], 1);
    const template = encodeURIComponent('Well done @{{winner.handle}} in {{campaign.name}}');
    const drafted = await api.request('GET', `${draw}/messages?template=${template}`, {
      as: admin,
    });
    expect((drafted.json as unknown as Review).winners[0]!.draft).toBe(
      'Well done @eve.test in Swag bag',
    );
    const unknown = encodeURIComponent('Hi {{winner.address}}');
    expect(
      (await api.request('GET', `${draw}/messages?template=${unknown}`, { as: admin })).status,
    ).toBe(422);
    const tooLong = await api.request('POST', `${draw}/announcement`, {
      as: admin,
      body: { text: 'x'.repeat(301) },
    });
    expect(tooLong.status).toBe(422);
    const empty = await api.request('POST', `${draw}/announcement`, {
      as: admin,
      body: { text: '  ' },
    });
    expect(empty.status).toBe(422);
    const notAWinner = await api.request('POST', `${draw}/winner-messages`, {
      as: admin,
      body: { messages: [{ recipient: 'did:plc:nobody', text: 'You won!' }] },
    });
    expect(notAWinner.status).toBe(422);
    const byAgent = await api.request('POST', `${draw}/announcement`, {
      as: agent,
      body: { text: 'We have a winner' },
    });
    expect(byAgent.status).toBe(403);
    const elsewhere = draw.replace(acme.workspaceId, other.workspaceId);
    expect((await api.request('GET', `${elsewhere}/messages`, { as: stranger })).status).toBe(404);
    const forged = await api.request('POST', `${elsewhere}/announcement`, {
      as: stranger,
      body: { text: 'We have a winner' },
    });
    expect(forged.status).toBe(404);
    const unknownDraw = draw.replace(/[^/]+$/, '00000000-0000-4000-8000-000000000000');
    expect((await api.request('GET', `${unknownDraw}/messages`, { as: admin })).status).toBe(404);
    const replies = await api.db
      .selectFrom('replies')
      .select('id')
      .where('in_reply_to_mention_id', '=', post.mentionId!)
      .execute();
    expect(replies).toEqual([]);
  });
});
