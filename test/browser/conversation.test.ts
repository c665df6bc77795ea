import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let conversationId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId } = await app.addMention({
    text: 'My card was charged twice for one ticket.',
    handle: 'double.charged',
  }));
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  await page.goto(
    `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
  );
  await page.locator('article.message--customer').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a conversation', () => {
  it('shows the customer post with its author', async () => {
    const post = page.locator('article.message--customer');
    expect(await post.locator('.message__body').textContent()).toBe(
      'My card was charged twice for one ticket.',
    );
    expect(await post.textContent()).toContain('double.charged');
    for (const href of await post
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(href).toMatch(/^https?:\/\//);
    }
  });

  it('assigns to me and resolves', async () => {
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByRole('button', { name: 'Unassign me' }).waitFor();
    const here = page.url();
    await page.getByRole('button', { name: 'Resolve' }).click();
    // Resolving moves on (to the next conversation, or the inbox); back shows it resolved.
    await page.waitForURL((url) => url.href !== here);
    await page.goBack();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await page.locator('.conversation__meta .badge--status').textContent()).toBe('Resolved');
    const history = page.locator('.thread-event');
    await history.filter({ hasText: 'You set the status to Resolved' }).waitFor();
    expect(await history.first().textContent()).toContain('You took this conversation');
  });

  it('advises on tone as the agent types, without blocking the send', async () => {
    const composer = page.getByRole('form', { name: 'Reply or add a note' });
    await composer.getByLabel('Reply text').fill('Good luck with that, lol.');
    const advice = composer.locator('.tone-advice');
    await advice.getByRole('heading', { name: 'Tone check' }).waitFor();
    expect(await advice.textContent()).toContain('sarcastic');
    expect(await composer.getByRole('button', { name: 'Send reply' }).isEnabled()).toBe(true);

    await composer.getByLabel('Reply text').fill('Sorry about the double charge, we are on it.');
    await expect.poll(() => advice.textContent()).toBe('');
  });

  it('counts characters against the network limit and sends a public reply', async () => {
    const composer = page.getByRole('form', { name: 'Reply or add a note' });
    await composer
      .getByLabel('Reply text')
      .fill('So sorry! 👍🏽 We have refunded the second charge.');
    expect(await composer.locator('.char-count').textContent()).toMatch(/^47 \/ \d+ characters$/);
    await composer.getByRole('button', { name: 'Send reply' }).click();
    const reply = page
      .locator('article.message--reply')
      .filter({ hasText: 'refunded the second charge' });
    await reply.waitFor();
    expect(await reply.locator('.badge--delivery').textContent()).toMatch(
      /^(Draft|Sending…|Sent|Failed)$/,
    );
    // The box empties when the server acknowledges the send, which may come after the live
    // update has already shown the reply.
    await expect.poll(() => composer.getByLabel('Reply text').inputValue()).toBe('');
  });

  it('adds an internal note', async () => {
    const composer = page.getByRole('form', { name: 'Reply or add a note' });
    await composer.getByLabel('Internal note').check();
    await composer.getByLabel('Note for your team').fill('Checked with billing: refund issued.');
    await composer.getByRole('button', { name: 'Add note' }).click();
    await page.locator('article.message--note').filter({ hasText: 'refund issued' }).waitFor();
  });
});
