import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMentionChanges } from '../../src/pipeline/intake/apply-mention-changes.ts';
import { credentialsContext } from '../../src/pipeline/intake/channel-registry.ts';
import { encryptCredentials } from '../../src/security/secrets.ts';
import { insertChannelAccount } from '../../src/store/channel-accounts.repository.ts';
import { newId } from '../../src/store/ids.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFakePlatform, type FakePlatform } from '../helpers/fake-platform.ts';
import { addMention } from '../helpers/seed.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let platform: FakePlatform;
let page: Page;
let conversationId: string;
let statusCount = 0;

const composer = () => page.getByRole('form', { name: 'Reply or add a note' });
const post = (text: string) => page.locator('article.message--customer').filter({ hasText: text });
const replyIn = (text: string) => page.locator('article.message--reply').filter({ hasText: text });
const banner = () => composer().locator('.composer__target');
const posted = () => platform.requestsTo('POST', '/api/v1/statuses').at(-1)?.json;

beforeAll(async () => {
  [app, browser, platform] = await Promise.all([
    startTestApp({ allowPrivateEgress: true }),
    launchChromium(),
    startFakePlatform(),
  ]);
  // The Mastodon instance at the network edge: posts a status and says where it lives.
  platform.route('POST', '/api/v1/statuses', () => {
    statusCount += 1;
    return {
      json: {
        id: `1200${statusCount}`,
        url: `https://mastodon.example/@acme/1200${statusCount}`,
        uri: `https://mastodon.example/users/acme/statuses/1200${statusCount}`,
      },
    };
  });
  platform.route('GET', /.*/, () => ({ json: [] }));
  const accountId = newId();
  const { db } = app.running.store;
  await insertChannelAccount(db, {
    id: accountId,
    workspaceId: app.workspaceId,
    brandId: app.seeded.brandId,
    network: 'mastodon',
    name: 'Acme on Mastodon',
    handle: 'acme',
    credentialsEncrypted: encryptCredentials(
      app.running.deps.channels.secretKey,
      { instanceUrl: platform.url, accessToken: 'token', streaming: false },
      credentialsContext(accountId),
    ),
  });
  const heard = { ...app.seeded, channelAccountId: accountId };
  const at = Date.now();
  // Ana complains; Ben answers inside her thread (one conversation, two customers); Ana posts
  // again and deletes it.
  const thread = [
    ['130001', 'ana@social.example', 'My order never arrived and support is silent', undefined],
    ['130002', 'ben@social.example', 'Same here, mine is two weeks late', '130001'],
    ['130003', 'ana@social.example', 'Forget it, I am done with you', '130001'],
  ] as const;
  for (const [index, [externalId, handle, text, parent]] of thread.entries()) {
    const stored = await addMention(db, heard, {
      network: 'mastodon',
      externalId,
      text,
      parentExternalId: parent,
      rootExternalId: parent,
      author: { externalId: handle, handle, followers: 30 },
      postedAt: new Date(at - (3 - index) * 60_000),
    });
    conversationId = stored.conversationId;
  }
  await db.transaction().execute((tx) =>
    applyMentionChanges(tx, { workspaceId: app.workspaceId, network: 'mastodon' }, [
      { externalId: '130003', kind: 'deleted', at: new Date(at - 30_000) },
      {
        externalId: '130002',
        kind: 'edited',
        at: new Date(at - 45_000),
        text: 'Same here, mine is three weeks late now',
      },
    ]),
  );
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  await page.goto(
    `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
  );
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await platform?.close();
});

describe('answering one post of a shared thread', () => {
  it('marks a deleted post and offers no reply to it; an edited one keeps its earlier words', async () => {
    const deleted = post('Forget it, I am done with you');
    await deleted.getByText(/^Deleted by author ·/).waitFor();
    expect(await deleted.getByRole('button', { name: /Reply to this post/ }).count()).toBe(0);
    const edited = post('mine is three weeks late now');
    await edited.getByText(/^Edited ·/).waitFor();
    await edited.getByText('Earlier version').click();
    await edited.getByText('Same here, mine is two weeks late').waitFor();
    // The history says when, among the rest of the thread.
    await page.getByText('The customer deleted a post on the network').waitFor();
    await page.getByText('The customer edited a post on the network').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sends the reply under the post the agent picked, and the thread says which', async () => {
    await post('My order never arrived')
      .getByRole('button', { name: 'Reply to this post by @ana@social.example' })
      .click();
    const form = composer();
    await banner().waitFor();
    expect(await banner().textContent()).toBe(
      'Replying to @ana@social.example: My order never arrived and support is silent Reply to the newest post instead',
    );
    await form.getByLabel('Reply text').fill('Ana, your parcel left our warehouse today.');
    await form.getByRole('button', { name: 'Send reply' }).click();
    const sent = replyIn('your parcel left our warehouse');
    await sent.locator('.badge--delivery', { hasText: 'Sent' }).waitFor();
    await sent
      .getByText('In reply to @ana@social.example: My order never arrived and support is silent')
      .waitFor();
    expect(posted()).toMatchObject({ in_reply_to_id: '130001' });
    // Sent: the composer is back to answering the newest post.
    expect(await banner().count()).toBe(0);
  });

  it('goes back to the newest post when the pick is cleared', async () => {
    await post('three weeks late')
      .getByRole('button', { name: /Reply to this post/ })
      .click();
    const form = composer();
    await banner()
      .getByText(/^@ben@social.example: Same here/)
      .waitFor();
    await form.getByRole('button', { name: 'Reply to the newest post instead' }).click();
    expect(await banner().count()).toBe(0);
    await form.getByLabel('Reply text').fill('We are looking into the late orders.');
    await form.getByRole('button', { name: 'Send reply' }).click();
    const sent = replyIn('looking into the late orders');
    await sent.locator('.badge--delivery', { hasText: 'Sent' }).waitFor();
    // Ana's newest post is deleted: the default answers Ben's, the newest still there.
    await sent.getByText(/^In reply to @ben@social.example/).waitFor();
    expect(posted()).toMatchObject({ in_reply_to_id: '130002' });
  });

  it('marks a post deleted while the agent has the thread open', async () => {
    const ben = post('three weeks late');
    await ben.getByRole('button', { name: /Reply to this post/ }).waitFor();
    await app.running.store.db
      .transaction()
      .execute((tx) =>
        applyMentionChanges(tx, { workspaceId: app.workspaceId, network: 'mastodon' }, [
          { externalId: '130002', kind: 'deleted', at: new Date() },
        ]),
      );
    await ben.getByText(/^Deleted by author ·/).waitFor();
    expect(await ben.getByRole('button', { name: /Reply to this post/ }).count()).toBe(0);
  });
});
