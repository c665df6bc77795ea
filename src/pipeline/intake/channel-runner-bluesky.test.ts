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
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { updateBrand } from '../../app/brands/brands.ts';
import { createBrand } from '../../store/brands.repository.ts';
import { newId } from '../../store/ids.ts';
import { createSlaPolicy } from '../../store/sla/sla-policies.repository.ts';
import { noTerms } from '../../domain/listening.ts';
import type { ListeningTerms } from '../../domain/listening.ts';
import type { ReplyRow } from '../../store/schema.ts';
import { connectChannel, createChannelRegistry, createNetworkSenders } from './channel-registry.ts';
import type { ChannelServices } from './channel-registry.ts';
import { startChannelRunner } from './channel-runner.ts';
import type { ChannelRunner } from './channel-runner.ts';
import { localEgress } from '../../../test/helpers/egress.ts';
import { startTcpProxy } from '../../../test/helpers/tcp-proxy.ts';

// End to end on a real local AT Protocol network: an account connected with its app password
// (checked by logging in), heard from the PDS firehose by the runner, answered in-thread.
let network: LocalBlueskyNetwork;
let brand: LocalBlueskyAccount;
let customer: LocalBlueskyAccount;
let database: TestDatabase;
let runner: ChannelRunner | undefined;
const services: ChannelServices = {
  registry: createChannelRegistry({ egress: localEgress }),
  secretKey: randomBytes(32),
};

beforeAll(async () => {
  [network, database] = await Promise.all([
    startLocalBlueskyNetwork({ sequencerMaxBackoffMs: 50 }),
    createTestDatabase(),
  ]);
  [brand, customer] = await Promise.all([
    network.createAccount('teapotco'),
    network.createAccount('casey'),
  ]);
}, 180_000);
afterAll(async () => {
  await runner?.stop();
  await network?.close();
  await database?.close();
});

describe('a connected Bluesky account', () => {
  it('is heard by the runner from the firehose and answered in the thread', async () => {
    const db = database.store.db;
    const seeded = await seedWorkspace(db, 'Teapot');
    const appPassword = await brand.agent.com.atproto.server.createAppPassword({ name: 'e2e' });
    const connected = await connectChannel(db, services, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      network: 'bluesky',
      name: 'Teapot Co',
      credentials: {
        service: network.pdsUrl,
        identifier: brand.handle,
        appPassword: appPassword.data.password,
        firehoseUrl: network.firehoseUrl,
        plcUrl: network.plcUrl,
      },
    });
    if (!connected.ok) throw new Error(connected.message);
    expect(connected.account.handle).toBe(brand.handle);
    const accountId = connected.account.id;
    // Start from the firehose's beginning, so the post below cannot slip past the socket.
    await db
      .updateTable('channel_accounts')
      .set({ cursor: '0' })
      .where('id', '=', accountId)
      .execute();
    runner = await startChannelRunner({
      store: database.store,
      services,
      logger: pino({ level: 'silent' }),
    });

    const rich = new RichText({ text: `@${brand.handle} my teapot arrived cracked` });
    await rich.detectFacets(customer.agent);
    const posted = await customer.agent.post({ text: rich.text, facets: rich.facets });

    await expect
      .poll(
        () =>
          db
            .selectFrom('mentions')
            .select(['id', 'conversation_id', 'text', 'channel_account_id'])
            .where('external_id', '=', posted.uri)
            .executeTakeFirst(),
        { timeout: 60_000, interval: 200 },
      )
      .toBeDefined();
    const mention = await db
      .selectFrom('mentions')
      .select(['id', 'conversation_id', 'text', 'channel_account_id'])
      .where('external_id', '=', posted.uri)
      .executeTakeFirstOrThrow();
    expect(mention).toMatchObject({
      text: rich.text,
      channel_account_id: accountId,
    });
    const account = await db
      .selectFrom('channel_accounts')
      .select(['cursor', 'last_event_at'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(Number(account.cursor)).toBeGreaterThan(0);
    expect(account.last_event_at).toBeInstanceOf(Date);

    const at = new Date();
    const reply: ReplyRow = {
      id: newId(),
      workspace_id: seeded.workspaceId,
      conversation_id: mention.conversation_id,
      in_reply_to_mention_id: mention.id,
      author_id: null,
      network: 'bluesky',
      text: 'So sorry, Casey! A new one ships today.',
      visibility: 'public',
      status: 'queued',
      idempotency_key: `reply-${newId()}`,
      external_id: null,
      url: null,
      error: null,
      attempts: 1,
      next_attempt_at: at,
      locked_until: null,
      requeued_at: null,
      sent_at: null,
      created_at: at,
      updated_at: at,
    };
    const sent = await createNetworkSenders(db, services).bluesky!(reply);
    const { value } = await customer.agent.app.bsky.feed.post.get({
      repo: brand.did,
      rkey: sent.externalId.split('/').at(-1)!,
    });
    expect(value.text).toBe(reply.text);
    expect(value.reply?.parent.uri).toBe(posted.uri);
    expect(value.reply?.root.uri).toBe(posted.uri);
  }, 180_000);

  it('hears every account on one relay through one subscription, each by its own brand terms', async () => {
    const db = database.store.db;
    await runner?.stop();
    runner = undefined;
    const [teapot, kettle] = await Promise.all([
      seedWorkspace(db, 'Teapot Two'),
      seedWorkspace(db, 'Kettle'),
    ]);
    const kettleBrand = await network.createAccount('kettleco');
    const connect = async (
      seeded: { workspaceId: string; brandId: string },
      account: LocalBlueskyAccount,
    ) => {
      const appPassword = await account.agent.com.atproto.server.createAppPassword({
        name: `shared-${newId()}`,
      });
      const connected = await connectChannel(db, services, {
        workspaceId: seeded.workspaceId,
        brandId: seeded.brandId,
        network: 'bluesky',
        name: account.handle,
        credentials: {
          service: network.pdsUrl,
          identifier: account.handle,
          appPassword: appPassword.data.password,
          firehoseUrl: network.firehoseUrl,
          plcUrl: network.plcUrl,
        },
      });
      if (!connected.ok) throw new Error(connected.message);
      return connected.account.id;
    };
    const teapotAccount = await connect(teapot, brand);
    const kettleAccount = await connect(kettle, kettleBrand);
    // The brands' terms as the brand settings would give them; changed in place below.
    const terms = new Map<string, ListeningTerms>([
      [teapot.brandId, { ...noTerms, keywords: ['Teapotco'] }],
      [kettle.brandId, { ...noTerms, keywords: ['Kettleco'], hashtags: ['whistle'] }],
    ]);
    runner = await startChannelRunner({
      store: database.store,
      services,
      logger: pino({ level: 'silent' }),
      termsFor: (account) => () => [terms.get(account.brandId) ?? noTerms],
    });
    expect(runner.sharedSources()).toEqual([`bluesky:${network.firehoseUrl}`]);
    expect(runner.running()).toEqual(expect.arrayContaining([teapotAccount, kettleAccount]));
    // The PDS counts its subscribers: each is one listener on its sequencer once caught up.
    const sequencer = network.network.pds.ctx.sequencer;
    await expect.poll(() => sequencer.listenerCount('events'), { timeout: 20_000 }).toBe(1);
    const subscription = sequencer.listeners('events')[0];

    const heardBy = async (uri: string) => {
      await expect
        .poll(
          () =>
            db
              .selectFrom('mentions')
              .select('channel_account_id')
              .where('external_id', '=', uri)
              .execute(),
          { timeout: 20_000, interval: 200 },
        )
        .not.toEqual([]);
      // Give the other account time to hear it too, if it wrongly would.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const rows = await db
        .selectFrom('mentions')
        .select('channel_account_id')
        .where('external_id', '=', uri)
        .execute();
      return rows.map((row) => row.channel_account_id);
    };
    const toTeapot = await customer.agent.post({ text: 'Is Teapotco open on Sundays?' });
    const toKettle = await customer.agent.post({ text: 'my kettle has a #Whistle now' });
    expect(await heardBy(toTeapot.uri)).toEqual([teapotAccount]);
    expect(await heardBy(toKettle.uri)).toEqual([kettleAccount]);

    // A change of terms applies without a new subscription.
    terms.set(teapot.brandId, { ...noTerms, keywords: ['Teapotco', 'steeping'] });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const afterChange = await customer.agent.post({ text: 'steeping advice anyone?' });
    expect(await heardBy(afterChange.uri)).toEqual([teapotAccount]);
    expect(sequencer.listeners('events')).toEqual([subscription]);
    const stored = await db
      .selectFrom('shared_source_cursors')
      .select('cursor')
      .where('source_key', '=', `bluesky:${network.firehoseUrl}`)
      .executeTakeFirstOrThrow();
    expect(Number(stored.cursor)).toBeGreaterThan(0);

    // The customer deletes a post the brand heard: our copy stays, marked deleted.
    await customer.agent.deletePost(toTeapot.uri);
    await expect
      .poll(
        async () =>
          (
            await db
              .selectFrom('mentions')
              .select(['deleted_at', 'text'])
              .where('external_id', '=', toTeapot.uri)
              .executeTakeFirstOrThrow()
          ).deleted_at,
        { timeout: 20_000, interval: 200 },
      )
      .toBeInstanceOf(Date);
    expect(
      (
        await db
          .selectFrom('mentions')
          .select('text')
          .where('external_id', '=', toTeapot.uri)
          .executeTakeFirstOrThrow()
      ).text,
    ).toBe('Is Teapotco open on Sundays?');
  }, 180_000);

  it('turns the accounts of a relay that cannot be reached to error, and back when it is', async () => {
    const db = database.store.db;
    await runner?.stop();
    runner = undefined;
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: network.network.pds.port });
    try {
      const seeded = await seedWorkspace(db, 'Behind a proxy');
      const appPassword = await brand.agent.com.atproto.server.createAppPassword({
        name: 'proxied',
      });
      const connected = await connectChannel(db, services, {
        workspaceId: seeded.workspaceId,
        brandId: seeded.brandId,
        network: 'bluesky',
        name: 'Proxied',
        credentials: {
          service: network.pdsUrl,
          identifier: brand.handle,
          appPassword: appPassword.data.password,
          firehoseUrl: `ws://127.0.0.1:${proxy.port}`,
          plcUrl: network.plcUrl,
        },
      });
      if (!connected.ok) throw new Error(connected.message);
      const accountId = connected.account.id;
      runner = await startChannelRunner({
        store: database.store,
        services,
        logger: pino({ level: 'silent' }),
        // An idle local PDS sends no frame: only connection errors are judged here.
        health: { errorWindowMs: 400, silenceWindowMs: 600_000, checkMs: 50 },
      });
      expect(runner.sharedSources()).toContain(`bluesky:ws://127.0.0.1:${proxy.port}`);
      const status = async () =>
        db
          .selectFrom('channel_accounts')
          .select(['status', 'last_error'])
          .where('id', '=', accountId)
          .executeTakeFirstOrThrow();
      await expect.poll(() => proxy.openConnections, { timeout: 20_000 }).toBeGreaterThan(0);
      proxy.cut();
      await expect
        .poll(async () => (await status()).status, { timeout: 60_000, interval: 200 })
        .toBe('error');
      expect((await status()).last_error).toBeTruthy();

      proxy.restore();
      // Back: the next frame (a post) is a sign of life.
      await expect
        .poll(
          async () => {
            await customer.agent.post({ text: 'anyone there?' });
            return (await status()).status;
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toBe('active');
    } finally {
      await runner?.stop();
      runner = undefined;
      await proxy.close();
    }
  }, 180_000);

  it("hears the workspace's competitors from the brand settings and stores their mentions as theirs", async () => {
    const db = database.store.db;
    await runner?.stop();
    runner = undefined;
    const seeded = await seedWorkspace(db, 'Brewhaus');
    await db
      .updateTable('brands')
      .set({ handles: [], keywords: ['Brewhaus'] })
      .where('id', '=', seeded.brandId)
      .execute();
    const rival = await createBrand(db, seeded.workspaceId, {
      name: 'Steamco',
      handles: [],
      keywords: ['Steamco'],
      isCompetitor: true,
    });
    // Our conversations get an SLA clock; a competitor's, not ours to answer, never do.
    await createSlaPolicy(
      db,
      seeded.workspaceId,
      {
        name: 'Everything',
        teamId: null,
        minPriority: null,
        maxPriority: null,
        firstResponseMinutes: 60,
        nextResponseMinutes: null,
        resolutionMinutes: null,
        warnBeforeMinutes: 10,
        escalation: { notify: true, reassign: null, raisePriorityBy: 0 },
      },
      new Date(),
    );
    const appPassword = await brand.agent.com.atproto.server.createAppPassword({
      name: 'competitors',
    });
    const connected = await connectChannel(db, services, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      network: 'bluesky',
      name: 'Brewhaus',
      credentials: {
        service: network.pdsUrl,
        identifier: brand.handle,
        appPassword: appPassword.data.password,
        firehoseUrl: network.firehoseUrl,
        plcUrl: network.plcUrl,
      },
    });
    if (!connected.ok) throw new Error(connected.message);
    // No terms of our own: the runner reads the brand settings, competitors included.
    runner = await startChannelRunner({
      store: database.store,
      services,
      logger: pino({ level: 'silent' }),
    });
    const conversationOf = async (uri: string) => {
      await expect
        .poll(
          () =>
            db
              .selectFrom('mentions')
              .select('id')
              .where('external_id', '=', uri)
              .executeTakeFirst(),
          { timeout: 30_000, interval: 200 },
        )
        .toBeDefined();
      return db
        .selectFrom('mentions as m')
        .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .select(['c.brand_id', 'c.team_id', 'c.first_response_due_at', 'm.channel_account_id'])
        .where('m.external_id', '=', uri)
        .executeTakeFirstOrThrow();
    };
    const aboutRival = await customer.agent.post({ text: 'Steamco lost my espresso order' });
    const aboutUs = await customer.agent.post({ text: 'Brewhaus beats Steamco any day' });
    expect(await conversationOf(aboutRival.uri)).toMatchObject({
      brand_id: rival.id,
      first_response_due_at: null,
      channel_account_id: connected.account.id,
    });
    expect(await conversationOf(aboutUs.uri)).toMatchObject({ brand_id: seeded.brandId });
    expect((await conversationOf(aboutUs.uri)).first_response_due_at).toBeInstanceOf(Date);

    // A competitor's new keyword is heard without reconnecting.
    await updateBrand(db, seeded.workspaceId, rival.id, { keywords: ['Steamco', 'moka'] });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const afterChange = await customer.agent.post({ text: 'my moka pot from them leaks' });
    expect(await conversationOf(afterChange.uri)).toMatchObject({ brand_id: rival.id });
    await runner.stop();
    runner = undefined;
  }, 180_000);

  it("still hears a reply in the brand's thread after a restart, and its author's deletion", async () => {
    const db = database.store.db;
    await runner?.stop();
    runner = undefined;
    const seeded = await seedWorkspace(db, 'Mugs');
    const mugBrand = await network.createAccount('mugco');
    const appPassword = await mugBrand.agent.com.atproto.server.createAppPassword({
      name: 'restart',
    });
    const connected = await connectChannel(db, services, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      network: 'bluesky',
      name: 'Mug Co',
      credentials: {
        service: network.pdsUrl,
        identifier: mugBrand.handle,
        appPassword: appPassword.data.password,
        firehoseUrl: network.firehoseUrl,
        plcUrl: network.plcUrl,
      },
    });
    if (!connected.ok) throw new Error(connected.message);
    const start = () =>
      startChannelRunner({ store: database.store, services, logger: pino({ level: 'silent' }) });
    const storedRow = (uri: string) =>
      db
        .selectFrom('mentions')
        .select(['conversation_id', 'from_brand', 'deleted_at'])
        .where('external_id', '=', uri)
        .where('channel_account_id', '=', connected.account.id)
        .executeTakeFirst();
    runner = await start();
    const rich = new RichText({ text: `@${mugBrand.handle} the handle of my mug came off` });
    await rich.detectFacets(customer.agent);
    const question = await customer.agent.post({ text: rich.text, facets: rich.facets });
    await expect.poll(() => storedRow(question.uri), { timeout: 30_000 }).toBeDefined();
    const ref = { uri: question.uri, cid: question.cid };
    // The brand answers on the network: its post is heard, and the thread remembered.
    const answer = await mugBrand.agent.post({
      text: 'Sorry! Which mug is it?',
      reply: { root: ref, parent: ref },
    });
    await expect
      .poll(async () => (await storedRow(answer.uri))?.from_brand, { timeout: 30_000 })
      .toBe(true);
    await runner.stop();

    // A new runner (a new hub): the customer adds to their own post without naming the brand.
    runner = await start();
    const followUp = await customer.agent.post({
      text: 'The blue one, bought in May',
      reply: { root: ref, parent: ref },
    });
    await expect.poll(() => storedRow(followUp.uri), { timeout: 30_000 }).toBeDefined();
    expect((await storedRow(followUp.uri))?.conversation_id).toBe(
      (await storedRow(question.uri))?.conversation_id,
    );
    await runner.stop();

    // Another restart: the customer deletes the follow-up, and it is marked so.
    runner = await start();
    await customer.agent.deletePost(followUp.uri);
    await expect
      .poll(async () => (await storedRow(followUp.uri))?.deleted_at, { timeout: 30_000 })
      .toBeInstanceOf(Date);
    await runner.stop();
    runner = undefined;
  }, 180_000);

  it("fetches authors' display names from their PDS after intake, and again once a day", async () => {
    const db = database.store.db;
    await runner?.stop();
    runner = undefined;
    const seeded = await seedWorkspace(db, 'Spoons');
    const spoonBrand = await network.createAccount('spoonco');
    const dana = await network.createAccount('dana');
    const setName = (displayName: string) =>
      dana.agent.com.atproto.repo.putRecord({
        repo: dana.did,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
        record: { $type: 'app.bsky.actor.profile', displayName },
      });
    await setName('Dana <Scully>');
    const appPassword = await spoonBrand.agent.com.atproto.server.createAppPassword({
      name: 'profiles',
    });
    const connected = await connectChannel(db, services, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      network: 'bluesky',
      name: 'Spoon Co',
      credentials: {
        service: network.pdsUrl,
        identifier: spoonBrand.handle,
        appPassword: appPassword.data.password,
        firehoseUrl: network.firehoseUrl,
        plcUrl: network.plcUrl,
      },
    });
    if (!connected.ok) throw new Error(connected.message);
    await db
      .updateTable('brands')
      .set({ handles: [], keywords: ['Spoonco'] })
      .where('id', '=', seeded.brandId)
      .execute();
    const start = () =>
      startChannelRunner({ store: database.store, services, logger: pino({ level: 'silent' }) });
    const identity = (did: string) =>
      db
        .selectFrom('contact_identities')
        .select(['handle', 'display_name', 'profile_fetched_at'])
        .where('workspace_id', '=', seeded.workspaceId)
        .where('external_id', '=', did)
        .executeTakeFirst();
    runner = await start();
    await dana.agent.post({ text: 'Spoonco spoons bend too easily' });
    // Casey never set a profile: fetched, no name, the handle stays what is shown.
    await customer.agent.post({ text: 'Spoonco is fine by me' });
    await expect
      .poll(async () => (await identity(dana.did))?.display_name, { timeout: 30_000 })
      .toBe('Dana <Scully>');
    await expect
      .poll(async () => (await identity(customer.did))?.profile_fetched_at, { timeout: 30_000 })
      .toBeInstanceOf(Date);
    expect(await identity(customer.did)).toMatchObject({
      handle: customer.handle,
      display_name: null,
    });
    const firstFetch = (await identity(dana.did))!.profile_fetched_at!;

    // Cached: a new name is not fetched again on the next post of the day.
    await setName('Dana S.');
    const again = await dana.agent.post({ text: 'Spoonco, any news?' });
    await expect
      .poll(
        () =>
          db
            .selectFrom('mentions')
            .select('id')
            .where('external_id', '=', again.uri)
            .executeTakeFirst(),
        { timeout: 30_000 },
      )
      .toBeDefined();
    expect(await identity(dana.did)).toMatchObject({
      display_name: 'Dana <Scully>',
      profile_fetched_at: firstFetch,
    });
    await runner.stop();

    // A day later (the fetch time moved back), the next post brings the new name.
    await db
      .updateTable('contact_identities')
      .set({ profile_fetched_at: new Date(firstFetch.getTime() - 25 * 60 * 60_000) })
      .where('external_id', '=', dana.did)
      .execute();
    runner = await start();
    await dana.agent.post({ text: 'Spoonco: still bending' });
    await expect
      .poll(async () => (await identity(dana.did))?.display_name, { timeout: 30_000 })
      .toBe('Dana S.');
    await runner.stop();
    runner = undefined;
  }, 180_000);
});
