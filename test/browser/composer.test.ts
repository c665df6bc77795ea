import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsContext } from '../../src/pipeline/intake/channel-registry.ts';
import { encryptCredentials } from '../../src/security/secrets.ts';
import { insertChannelAccount } from '../../src/store/channel-accounts.repository.ts';
import { newId } from '../../src/store/ids.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFakePlatform, type FakePlatform } from '../helpers/fake-platform.ts';
import { addMention } from '../helpers/seed.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let platform: FakePlatform;
let owner: Page;
let agent: Page;
let mastodonConversation: string;
let statusCount = 0;

const composer = (page: Page) => page.getByRole('form', { name: 'Reply or add a note' });
const replyIn = (page: Page, text: string) =>
  page.locator('article.message--reply').filter({ hasText: text });
const open = (page: Page, conversationId: string) =>
  page.goto(
    `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
  );

beforeAll(async () => {
  [app, browser, platform] = await Promise.all([
    // The Mastodon instance is a local fake: the operator's opt-in to internal addresses.
    startTestApp({ allowPrivateEgress: true }),
    launchChromium(),
    startFakePlatform(),
  ]);
  // The Mastodon instance at the network edge: posts a status and says where it lives.
  platform.route('POST', '/api/v1/statuses', (request) => {
    statusCount += 1;
    const body = request.json as { visibility?: string };
    return {
      json: {
        id: `1100${statusCount}`,
        url: `https://mastodon.example/@acme/1100${statusCount}`,
        uri: `https://mastodon.example/users/acme/statuses/1100${statusCount}`,
        visibility: body.visibility,
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
  ({ conversationId: mastodonConversation } = await addMention(
    db,
    { ...app.seeded, channelAccountId: accountId },
    {
      network: 'mastodon',
      externalId: '109000001',
      text: 'My booking reference does not work. @acme',
      author: { externalId: '77', handle: 'traveller@social.example', followers: 30 },
    },
  ));
  [{ page: owner }, { page: agent }] = await Promise.all([
    openPage(browser, app.baseUrl),
    openPage(browser, app.baseUrl),
  ]);
  await logIn(owner, app.owner);
  await logIn(agent, app.seeded.users.agent);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await platform?.close();
});

describe('the composer', () => {
  it('moves a draft to a private message on Mastodon and sends it as a direct status', async () => {
    await open(owner, mastodonConversation);
    const form = composer(owner);
    await form.getByLabel('Reply text').fill('Please send us your booking reference.');
    await form.getByLabel('Private message').check();
    expect(await form.getByLabel('Reply text').inputValue()).toBe(
      'Please send us your booking reference.',
    );
    expect(await form.locator('.char-count').textContent()).toBe('38 / 500 characters');
    await form.getByRole('button', { name: 'Send reply' }).click();
    const sent = replyIn(owner, 'booking reference.');
    await sent.getByText('Private message', { exact: true }).waitFor();
    await sent.locator('.badge--delivery', { hasText: 'Sent' }).waitFor();
    expect(await sent.getByRole('link', { name: /View the sent reply/ }).getAttribute('href')).toBe(
      `https://mastodon.example/@acme/1100${statusCount}`,
    );
    const posted = platform.requestsTo('POST', '/api/v1/statuses').at(-1)!;
    expect(posted.json).toMatchObject({ visibility: 'direct', in_reply_to_id: '109000001' });
  });

  it('offers no private message where the network has none, and a move to one when a post is too long', async () => {
    const { conversationId: bluesky } = await app.addMention({
      text: 'Lost my bag',
      handle: 'bag',
    });
    await open(owner, bluesky);
    await composer(owner).getByLabel('Public reply').waitFor();
    expect(await composer(owner).getByLabel('Private message').count()).toBe(0);

    const { conversationId: x } = await app.addMention({
      text: 'Still no refund',
      handle: 'refund.waiter',
      network: 'x',
    });
    await open(owner, x);
    const form = composer(owner);
    await form
      .getByLabel('Reply text')
      .fill(`Sorry! ${'Here is how the refund works. '.repeat(10)}`);
    await form.getByText('Too long for a public reply on this network.').waitFor();
    expect(await form.getByRole('button', { name: 'Send reply' }).isEnabled()).toBe(false);
    await form.getByRole('button', { name: 'Move to a private message' }).click();
    expect(await form.getByLabel('Private message').isChecked()).toBe(true);
    expect(await form.locator('.char-count').textContent()).toMatch(/^\d+ \/ 10000 characters$/);
    expect(await form.getByRole('button', { name: 'Send reply' }).isEnabled()).toBe(true);
  });

  it('answers a private message privately by default, and a public post in public', async () => {
    const { conversationId } = await app.addMention({
      text: 'Here is my booking reference, please check my refund',
      handle: 'dm.writer',
      network: 'x',
      isPrivate: true,
    });
    await open(owner, conversationId);
    const form = composer(owner);
    await form.getByLabel('Private message').waitFor();
    expect(await form.getByLabel('Private message').isChecked()).toBe(true);
    expect(await form.getByLabel('Public reply').isChecked()).toBe(false);

    const { conversationId: publicPost } = await app.addMention({
      text: 'Still waiting for my refund',
      handle: 'public.writer',
      network: 'x',
    });
    await open(owner, publicPost);
    await composer(owner).getByLabel('Public reply').waitFor();
    expect(await composer(owner).getByLabel('Public reply').isChecked()).toBe(true);
  });

  it('says a flagged reply will wait; a lead approves it from another browser and the author sees it sent', async () => {
    await pageApi(owner, 'PUT', `/workspaces/${app.workspaceId}/reply-settings`, {
      approveToneFlagged: true,
    });
    const { conversationId } = await app.addMention({ text: 'Where is my parcel?', handle: 'p1' });
    await open(agent, conversationId);
    const form = composer(agent);
    await form.getByLabel('Reply text').fill('Good luck with that, lol.');
    await form.getByText(/This reply will wait for approval: the tone check flagged it/).waitFor();
    await form.getByRole('button', { name: 'Send for approval' }).click();
    const waiting = replyIn(agent, 'Good luck with that');
    await waiting.locator('.badge--delivery', { hasText: 'Awaiting approval' }).waitFor();

    await owner.goto(`/w/${encodeURIComponent(app.workspaceId)}/approvals`);
    const queued = owner.locator('.approval-queue li').filter({ hasText: 'Good luck with that' });
    await queued.getByText('Flagged by the tone check').waitFor();
    expect(await seriousA11yViolations(owner)).toEqual([]);
    await queued.getByRole('link', { name: 'Open the conversation' }).click();
    await replyIn(owner, 'Good luck with that')
      .getByRole('button', { name: 'Approve and send' })
      .click();

    await waiting.locator('.badge--delivery', { hasText: 'Sent' }).waitFor();
  });

  it('shows a rejection with its reason to the author, who rewrites and resends', async () => {
    const { conversationId } = await app.addMention({ text: 'Refund please', handle: 'p2' });
    await open(agent, conversationId);
    await composer(agent).getByLabel('Reply text').fill('As we already told you, read the terms.');
    await composer(agent).getByRole('button', { name: 'Send for approval' }).click();
    const waiting = replyIn(agent, 'read the terms');
    await waiting.locator('.badge--delivery', { hasText: 'Awaiting approval' }).waitFor();

    await open(owner, conversationId);
    const held = replyIn(owner, 'read the terms');
    await held.getByRole('button', { name: 'Reject…' }).click();
    await held.getByRole('button', { name: 'Reject reply' }).click();
    expect(
      await held.getByLabel(/Why is it rejected/).evaluate((el) => el.matches(':invalid')),
    ).toBe(true);
    await held.getByLabel(/Why is it rejected/).fill('Blames the customer; apologise first.');
    expect(await seriousA11yViolations(owner)).toEqual([]);
    await held.getByRole('button', { name: 'Reject reply' }).click();

    await waiting.getByText('Not sent — rejected: Blames the customer; apologise first.').waitFor();
    await waiting.getByRole('button', { name: 'Edit and send again' }).click();
    // The composer takes the text on its next render: wait for it rather than read at once.
    await expect
      .poll(() => composer(agent).getByLabel('Reply text').inputValue())
      .toBe('As we already told you, read the terms.');
    await pageApi(owner, 'PUT', `/workspaces/${app.workspaceId}/reply-settings`, {});
  });

  it('shows why a reply failed, and Retry sends it again with the same idempotency key', async () => {
    platform.fail(
      {
        type: 'respond',
        response: { status: 422, json: { error: 'Validation failed: the status was removed' } },
      },
      { method: 'POST', path: '/api/v1/statuses' },
    );
    const before = platform.requestsTo('POST', '/api/v1/statuses').length;
    await open(owner, mastodonConversation);
    await composer(owner).getByLabel('Public reply').check();
    await composer(owner).getByLabel('Reply text').fill('Your new reference is on its way.');
    await composer(owner).getByRole('button', { name: 'Send reply' }).click();
    const reply = replyIn(owner, 'new reference is on its way');
    await reply.locator('.badge--delivery', { hasText: 'Failed' }).waitFor();
    expect(await reply.locator('.form-error').textContent()).toContain(
      'Validation failed: the status was removed',
    );
    expect(await seriousA11yViolations(owner)).toEqual([]);
    await reply.getByRole('button', { name: 'Retry' }).click();
    await reply.locator('.badge--delivery', { hasText: 'Sent' }).waitFor();
    const attempts = platform.requestsTo('POST', '/api/v1/statuses').slice(before);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.headers['idempotency-key']).toBe(attempts[0]!.headers['idempotency-key']);
  });
});
