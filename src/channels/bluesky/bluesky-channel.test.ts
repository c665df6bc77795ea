import { RichText } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LocalBlueskyAccount,
  LocalBlueskyNetwork,
} from '../../../test/helpers/bluesky-network.ts';
import { startLocalBlueskyNetwork } from '../../../test/helpers/bluesky-network.ts';
import type { Channel, EventSource, RawEvent } from '../channel.ts';
import type { Mention } from '../../domain/mention.ts';
import { noTerms } from '../../domain/listening.ts';
import type { ListeningTerms } from '../../domain/listening.ts';
import { createBlueskyChannel } from './bluesky-channel.ts';
import type { BlueskyCredentials } from './credentials.ts';
import type { BlueskyPostEvent, StrongRef } from './post-event.ts';
import { parseRecordUri } from './post-event.ts';
import { localEgress } from '../../../test/helpers/egress.ts';

// One real network (PLC + PDS on 127.0.0.1) for the whole file: starting one takes seconds.
let network: LocalBlueskyNetwork;
let brand: LocalBlueskyAccount;
let dana: LocalBlueskyAccount;
let sam: LocalBlueskyAccount;
let credentials: BlueskyCredentials;
const channel = createBlueskyChannel({ egress: localEgress });
const otherChannel = createBlueskyChannel({ egress: localEgress });
// The brand's listening terms, as the runner reads them from the brand: changed in place below.
let terms: ListeningTerms = { ...noTerms, keywords: ['Kettlebrew'] };
const sources: EventSource[] = [];

class Inbox {
  readonly events: RawEvent[] = [];
  readonly errors: Error[] = [];
  aliveAt: Date | undefined;
  readonly #channel: Channel<BlueskyCredentials>;
  constructor(listeningChannel: Channel<BlueskyCredentials>) {
    this.#channel = listeningChannel;
  }
  listen(cursor: string | undefined): Promise<EventSource> {
    const started = this.#channel.listen!(credentials, {
      cursor,
      onEvents: async (batch) => void this.events.push(...batch),
      onError: (error) => void this.errors.push(error),
      terms: () => [terms],
      onAlive: (at) => void (this.aliveAt = at),
    });
    return started.then((source) => (sources.push(source), source));
  }
  posts(): BlueskyPostEvent[] {
    return this.events.map((event) => event.raw as BlueskyPostEvent);
  }
  async waitFor(uri: string): Promise<RawEvent> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = this.events.find((event) => (event.raw as BlueskyPostEvent).uri === uri);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`${uri} was not delivered; errors: ${this.errors.join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  async mention(uri: string): Promise<Mention> {
    const [mention] = channel.normalize((await this.waitFor(uri)).raw);
    if (!mention) throw new Error(`${uri} did not normalise to a mention`);
    return mention;
  }
}
const inbox = new Inbox(channel);

async function post(
  author: LocalBlueskyAccount,
  text: string,
  reply?: { root: StrongRef; parent: StrongRef },
): Promise<StrongRef> {
  const rich = new RichText({ text });
  await rich.detectFacets(author.agent);
  const { uri, cid } = await author.agent.post({ text: rich.text, facets: rich.facets, reply });
  return { uri, cid };
}

async function readPost(uri: string): Promise<Record<string, unknown>> {
  const { did, collection, rkey } = parseRecordUri(uri)!;
  const { data } = await brand.agent.com.atproto.repo.getRecord({ repo: did, collection, rkey });
  return data.value as Record<string, unknown>;
}

beforeAll(async () => {
  network = await startLocalBlueskyNetwork();
  [brand, dana, sam] = await Promise.all([
    network.createAccount('kettlebrew'),
    network.createAccount('dana'),
    network.createAccount('sam'),
  ]);
  const appPassword = await brand.agent.com.atproto.server.createAppPassword({ name: 'earshot' });
  credentials = {
    service: network.pdsUrl,
    identifier: brand.handle,
    appPassword: appPassword.data.password,
    firehoseUrl: network.firehoseUrl,
    plcUrl: network.plcUrl,
  };
  // From the start of the firehose, so nothing posted before the socket opens is missed.
  await inbox.listen('0');
});

afterAll(async () => {
  await Promise.all(sources.map((source) => source.close()));
  await network?.close();
});

describe('Bluesky channel on a local AT Protocol network', () => {
  it('validates credentials by logging in, and says when the password is wrong', async () => {
    await expect(channel.validateCredentials(credentials)).resolves.toEqual({
      accountId: brand.did,
      handle: 'kettlebrew.test',
    });
    await expect(
      channel.validateCredentials({ ...credentials, appPassword: 'wrong-wrong' }),
    ).rejects.toThrow(/refused the login of kettlebrew\.test .*wrong identifier or app password/);
  });

  it('checks the listening connection: the relay answers, or says why not', async () => {
    expect(await channel.testListening!(credentials, AbortSignal.timeout(10_000))).toMatchObject({
      ok: true,
    });
    const gone = await channel.testListening!(
      { ...credentials, firehoseUrl: 'ws://127.0.0.1:9' },
      AbortSignal.timeout(10_000),
    );
    expect(gone).toMatchObject({ ok: false, error: expect.stringContaining('ws://127.0.0.1:9') });
  });

  it('delivers a customer post that @-mentions the brand, with the firehose seq as cursor', async () => {
    const posted = await post(dana, '@kettlebrew.test my kettle leaks');
    const event = await inbox.waitFor(posted.uri);
    const raw = event.raw as BlueskyPostEvent;
    expect(raw.matchedBy).toContain('mention');
    // Every frame is a sign of life for channel health.
    expect(inbox.aliveAt).toBeInstanceOf(Date);
    expect(event.cursor).toBe(String(raw.seq));
    const mention = await inbox.mention(posted.uri);
    expect(mention).toMatchObject({
      externalId: posted.uri,
      fromBrand: false,
      isPrivate: false,
      text: '@kettlebrew.test my kettle leaks',
    });
    expect(mention.author).toMatchObject({ externalId: dana.did, handle: 'dana.test' });
  });

  it('delivers a post naming a brand keyword, and nothing unrelated', async () => {
    const unrelated = [
      await post(sam, 'kettlebrewing is my hobby'),
      await post(sam, 'nice weather today'),
    ];
    const keyword = await post(sam, 'Anyone tried the KETTLEBREW 3000?');
    expect((await inbox.waitFor(keyword.uri)).raw).toMatchObject({ matchedBy: ['keyword'] });
    const delivered = inbox.posts().map((raw) => raw.uri);
    for (const { uri } of unrelated) expect(delivered).not.toContain(uri);
  });

  it('hears a change of the brand terms without reconnecting', async () => {
    const before = await post(sam, 'my new #steamtea set');
    // Heard (or not) before the change: the PDS sequences within a second.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    terms = { ...noTerms, keywords: ['Kettlebrew'], hashtags: ['SteamTea'] };
    // Terms are read about once a second: wait for the next read before posting.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const after = await post(sam, 'my second #steamtea set');
    expect((await inbox.waitFor(after.uri)).raw).toMatchObject({ matchedBy: ['hashtag'] });
    expect(inbox.posts().map((raw) => raw.uri)).not.toContain(before.uri);
    terms = { ...noTerms, keywords: ['Kettlebrew'] };
  });

  it("delivers the brand's posts and every reply in its threads, with root and parent", async () => {
    const root = await post(brand, 'Big news tomorrow!');
    const samReply = await post(sam, "Can't wait", { root, parent: root });
    const danaReply = await post(dana, 'Me neither', { root, parent: samReply });
    expect(await inbox.mention(root.uri)).toMatchObject({
      fromBrand: true,
      rootExternalId: undefined,
    });
    expect(await inbox.mention(samReply.uri)).toMatchObject({
      fromBrand: false,
      rootExternalId: root.uri,
      parentExternalId: root.uri,
    });
    expect(await inbox.mention(danaReply.uri)).toMatchObject({
      rootExternalId: root.uri,
      parentExternalId: samReply.uri,
    });
  });

  it('sends a reply in the thread, with facets, and hears replies to the thread it joined', async () => {
    const complaint = await post(dana, '@kettlebrew.test the lid broke');
    const mention = await inbox.mention(complaint.uri);
    const sent = await channel.send(credentials, {
      idempotencyKey: 'reply-lid-1',
      text: 'Sorry @dana.test, a new lid is on its way',
      visibility: 'public',
      inReplyTo: mention,
    });
    expect(sent.url).toMatch(/^https:\/\/bsky\.app\/profile\/kettlebrew\.test\/post\//);
    const record = await readPost(sent.externalId);
    expect(record.reply).toEqual({ root: complaint, parent: complaint });
    expect(JSON.stringify(record.facets)).toContain(dana.did);
    expect(await inbox.mention(sent.externalId)).toMatchObject({
      fromBrand: true,
      parentExternalId: complaint.uri,
    });

    // Sam answers Dana's post, not the brand's: heard because the brand is in that thread now.
    const sibling = await post(sam, 'same happened to me', { root: complaint, parent: complaint });
    expect((await inbox.waitFor(sibling.uri)).raw).toMatchObject({ matchedBy: ['thread'] });
  });

  it("replies deep in a thread with the thread's first post as root", async () => {
    const root = await post(brand, 'Tell us about your mornings');
    const answer = await post(dana, 'Coffee, always', { root, parent: root });
    const sent = await channel.send(credentials, {
      idempotencyKey: 'reply-mornings-1',
      text: 'Same here!',
      visibility: 'public',
      inReplyTo: await inbox.mention(answer.uri),
    });
    expect((await readPost(sent.externalId)).reply).toEqual({ root, parent: answer });

    // A mention without our raw payload (imported, say): the thread is read from the network.
    const withoutRaw = await channel.send(credentials, {
      idempotencyKey: 'reply-mornings-2',
      text: 'Tea for us',
      visibility: 'public',
      inReplyTo: { ...(await inbox.mention(answer.uri)), raw: undefined },
    });
    expect((await readPost(withoutRaw.externalId)).reply).toEqual({ root, parent: answer });
  });

  it('posts once however often the same reply is sent', async () => {
    const question = await post(sam, '@kettlebrew.test do you ship to Canada?');
    const reply = {
      idempotencyKey: 'reply-canada-1',
      text: 'Yes, we do!',
      visibility: 'public' as const,
      inReplyTo: await inbox.mention(question.uri),
    };
    const [first, concurrent] = await Promise.all([
      channel.send(credentials, reply),
      channel.send(credentials, reply),
    ]);
    const later = await channel.send(credentials, reply);
    expect(concurrent.externalId).toBe(first.externalId);
    expect(later.externalId).toBe(first.externalId);
    const { data } = await brand.agent.com.atproto.repo.listRecords({
      repo: brand.did,
      collection: 'app.bsky.feed.post',
      limit: 100,
    });
    expect(
      data.records.filter((record) => (record.value as { text?: string }).text === 'Yes, we do!'),
    ).toHaveLength(1);
  });

  it('resumes from a stored cursor without replaying what was delivered', async () => {
    const [first] = sources.splice(0, 1);
    await first!.close();
    const storedCursor = inbox.events.at(-1)!.cursor!;
    const deliveredBefore = new Set(inbox.posts().map((raw) => raw.uri));
    const whileAway = await post(dana, '@kettlebrew.test anyone there?');

    const resumed = new Inbox(otherChannel);
    const source = await resumed.listen(storedCursor);
    const afterResume = await post(dana, 'Kettlebrew, hello?');
    await resumed.waitFor(afterResume.uri);
    await source.close();
    expect(resumed.posts().map((raw) => raw.uri)).toEqual([whileAway.uri, afterResume.uri]);
    for (const raw of resumed.posts()) expect(deliveredBefore.has(raw.uri)).toBe(false);
    expect(resumed.errors).toEqual([]);
    expect(inbox.errors).toEqual([]);
  });
});
