import { randomBytes } from 'node:crypto';
import { RichText } from '@atproto/api';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { startLocalBlueskyNetwork } from '../../../test/helpers/bluesky-network.ts';
import type {
  LocalBlueskyAccount,
  LocalBlueskyNetwork,
} from '../../../test/helpers/bluesky-network.ts';
import { localEgress } from '../../../test/helpers/egress.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { connectFromFirehoseStart } from '../../../test/helpers/bluesky-connect.ts';
import { createChannelRegistry } from '../../pipeline/intake/channel-registry.ts';
import type { ChannelServices } from '../../pipeline/intake/channel-registry.ts';
import { startChannelRunner } from '../../pipeline/intake/channel-runner.ts';
import type { ChannelRunner } from '../../pipeline/intake/channel-runner.ts';
import { insertCampaign } from '../../store/campaigns.repository.ts';
import { campaignStanding } from './campaign-standing.ts';

// A share contest heard live on a real local AT Protocol network (PLC directory + PDS and its
// firehose): the brand posts, people reply with the hashtag, quote and repost it, and the
// campaign counts each kind; a staff account and a too young account are left out.
let network: LocalBlueskyNetwork;
let database: TestDatabase;
let runner: ChannelRunner | undefined;
const services: ChannelServices = {
  registry: createChannelRegistry({ egress: localEgress }),
  secretKey: randomBytes(32),
};
const dayMs = 86_400_000;

/** Writes the account's profile record, saying it was made `daysAgo` days ago. */
async function profileMadeAgo(account: LocalBlueskyAccount, daysAgo: number) {
  await account.agent.com.atproto.repo.putRecord({
    repo: account.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: {
      $type: 'app.bsky.actor.profile',
      displayName: account.handle.replace('.test', ''),
      createdAt: new Date(Date.now() - daysAgo * dayMs).toISOString(),
    },
  });
}

beforeAll(async () => {
  [network, database] = await Promise.all([
    startLocalBlueskyNetwork({ sequencerMaxBackoffMs: 50 }),
    createTestDatabase(),
  ]);
}, 180_000);
afterAll(async () => {
  await runner?.stop();
  await network?.close();
  await database?.close();
});

describe('a share contest on the local Bluesky network', () => {
  it('hears replies with the hashtag, quotes and reposts live, and counts each kind', async () => {
    const db = database.store.db;
    const [brand, ann, bob, cara, staff, young] = await Promise.all(
      ['sunbrew', 'annie', 'bobby', 'carla', 'stafferr', 'youngun'].map((name) =>
        network.createAccount(name),
      ),
    );
    await Promise.all([
      profileMadeAgo(ann!, 400),
      profileMadeAgo(bob!, 400),
      profileMadeAgo(cara!, 400),
      profileMadeAgo(staff!, 400),
      profileMadeAgo(young!, 2),
    ]);
    const seeded = await seedWorkspace(db, 'Sunbrew');
    await connectFromFirehoseStart(
      db,
      services,
      network,
      { workspaceId: seeded.workspaceId, brandId: seeded.brandId, name: 'Sunbrew' },
      brand!,
    );
    runner = await startChannelRunner({
      store: database.store,
      services,
      logger: pino({ level: 'silent' }),
    });

    const brandPost = await brand!.agent.post({ text: 'Share this for a year of coffee ☕' });
    const campaignId = await insertCampaign(db, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      name: 'Year of coffee',
      posts: [{ network: 'bluesky', externalId: brandPost.uri }],
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + dayMs),
      requiredHashtag: 'YearOfCoffee',
      entryMode: 'per_person',
      excludedAuthorIds: [staff!.did],
      shareKinds: ['reply', 'quote', 'repost'],
      minAccountAgeDays: 30,
      budgetCents: 30_000,
      userId: seeded.users.owner.id,
      now: new Date(),
    });
    const ref = { uri: brandPost.uri, cid: brandPost.cid };
    const reply = (account: LocalBlueskyAccount, text: string) =>
      account.agent.post({ text, reply: { root: ref, parent: ref } });
    await reply(ann!, 'Count me in! #YearOfCoffee');
    await reply(ann!, 'no tag this time');
    await bob!.agent.post({
      text: 'Everyone enter this #yearofcoffee',
      embed: { $type: 'app.bsky.embed.record', record: ref },
    });
    const caraRepost = await cara!.agent.repost(brandPost.uri, brandPost.cid);
    await reply(staff!, 'We love it #YearOfCoffee');
    await reply(young!, 'Me too #YearOfCoffee');
    // What does not count: a repost of someone else's post, and the brand reposting itself.
    const elsewhere = await ann!.agent.post({ text: 'my own post' });
    await cara!.agent.repost(elsewhere.uri, elsewhere.cid);
    await brand!.agent.repost(brandPost.uri, brandPost.cid);
    // Last on the firehose: once it is stored, everything above has been heard.
    const last = new RichText({ text: `@${brand!.handle} thanks, done` });
    await last.detectFacets(ann!.agent);
    const sentinel = await ann!.agent.post({ text: last.text, facets: last.facets });

    // Heard live; the young account's age is known once its profile has been fetched.
    const youngAge = () =>
      db
        .selectFrom('contact_identities')
        .select('account_created_at')
        .where('workspace_id', '=', seeded.workspaceId)
        .where('external_id', '=', young!.did)
        .executeTakeFirst();
    const heardLast = () =>
      db
        .selectFrom('mentions')
        .select('id')
        .where('external_id', '=', sentinel.uri)
        .executeTakeFirst();
    await expect
      .poll(async () => !!(await heardLast()) && !!(await youngAge())?.account_created_at, {
        timeout: 90_000,
        interval: 300,
      })
      .toBe(true);
    // The three people count once their profiles (account ages) are fetched.
    const standing = () => campaignStanding(database.store, seeded.workspaceId, campaignId);
    await expect
      .poll(async () => (await standing()).board.map((entry) => entry.authorHandle).sort(), {
        timeout: 90_000,
        interval: 300,
      })
      .toEqual([ann!.handle, bob!.handle, cara!.handle]);
    const { board, shares, report } = await standing();
    const byHandle = new Map(board.map((entry) => [entry.authorHandle, entry.byKind]));
    expect(byHandle.get(ann!.handle)).toEqual({ reply: 1, quote: 0, repost: 0 });
    expect(byHandle.get(bob!.handle)).toEqual({ reply: 0, quote: 1, repost: 0 });
    expect(byHandle.get(cara!.handle)).toEqual({ reply: 0, quote: 0, repost: 1 });
    const repostShare = shares.find((share) => share.kind === 'repost')!;
    expect(repostShare).toMatchObject({
      source: 'repost',
      externalId: caraRepost.uri,
      repostOf: brandPost.uri,
      url: `https://bsky.app/profile/${cara!.handle}`,
    });
    expect(report).toMatchObject({
      shares: 3,
      sharesByKind: { reply: 1, quote: 1, repost: 1 },
      uniqueSharers: 3,
      costPerShareCents: 10_000,
    });
    // Only the reposts of the brand's posts were kept, once each.
    const reposts = await db
      .selectFrom('reposts')
      .select(['external_id', 'author_external_id', 'author_created_at'])
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(reposts.map((row) => row.external_id)).toEqual([caraRepost.uri]);
    expect(reposts[0]!.author_created_at).toBeInstanceOf(Date);
    // The too young account was heard, its age known, and left out for it.
    expect(Date.now() - (await youngAge())!.account_created_at!.getTime()).toBeLessThan(3 * dayMs);
    // Everyone who replied or quoted was new to the workspace.
    expect(report.newVoices.count).toBe(4);
  }, 240_000);
});
