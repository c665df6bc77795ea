import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let dialogs: string[];
let errors: string[];
let annConversation: string;
const brandPost = 'at://did:plc:acmebrand/app.bsky.feed.post/swag';
const hostileShare = 'Pick me! <img src=x onerror="alert(1)"> #swag';

/** A share: a reply to the brand's post, in its thread. */
const share = (handle: string, text: string) =>
  app.addMention({
    text,
    handle,
    parentExternalId: brandPost,
    rootExternalId: brandPost,
    url: `https://bsky.app/profile/${handle}/post/${Math.random().toString(36).slice(2)}`,
  });

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ page, dialogs, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  await app.addMention({
    text: 'Share this post for a Free Swag bag! #swag',
    handle: 'acme.brand',
    externalId: brandPost,
    fromBrand: true,
  });
  annConversation = (await share('ann.test', hostileShare)).conversationId;
  await share('ann.test', 'Again! #swag');
  await share('bob.test', 'Me too #swag');
  await share('cat.test', 'no hashtag here');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** `datetime-local`'s value for a time, in the browser's own time zone. */
const localInput = (msFromNow: number) =>
  page.evaluate((offset) => {
    const at = new Date(Date.now() + offset);
    return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }, msFromNow);

describe('the campaigns page: create, leaderboard, draw, message winners', () => {
  it('creates a campaign from the brand post’s link, with clear errors first', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Campaigns' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
    await page.getByText('No campaigns yet.').waitFor();
    await page
      .getByLabel('The brand’s posts to share')
      .fill('https://bsky.app/profile/acme.test/post/swag');
    await page.getByLabel('Minimum account age in days (optional)').fill('a month');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByText('The campaign was not created: 4 fields need attention.').waitFor();
    await page
      .getByText('A whole number of days from 1 to 36,500, or empty for any age.')
      .waitFor();
    await page.getByText('Give the campaign a name.').waitFor();
    await page.getByText(/Line 1: this Bluesky link names the account by handle/).waitFor();
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Name').fill('Free Swag bag');
    await page.getByLabel('Brand', { exact: true }).selectOption({ index: 1 });
    await page
      .getByLabel('The brand’s posts to share')
      .fill('https://bsky.app/profile/did:plc:acmebrand/post/swag');
    await page.getByLabel('Starts').fill(await localInput(-3600_000));
    await page.getByLabel('Required hashtag (optional)').fill('#swag');
    await page.getByLabel('Budget (optional)').fill('30');
    await page.getByLabel('Minimum account age in days (optional)').fill('');
    await page.getByLabel('Replies in the posts’ threads').uncheck();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByText('Choose at least one kind of share that counts.').waitFor();
    await page.getByLabel('Replies in the posts’ threads').check();
    await page.getByLabel('Quotes of the posts').check();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'Free Swag bag' }).waitFor();
    await page.getByText(/counts replies, quotes/).waitFor();
  });

  it('shows the report, the leaderboard with its tie-break and every share as text', async () => {
    const board = page.getByRole('table', { name: 'Leaderboard' });
    await board.getByRole('row').nth(2).waitFor();
    const rows = await board.getByRole('row').allTextContents();
    // Rank, who, shares (by kind), entries (one per person), then the first share's time.
    expect(rows[1]).toMatch(/^1@ann\.test2 \(reply 2\)1/);
    expect(rows[2]).toMatch(/^2@bob\.test1 \(reply 1\)1/);
    expect(rows).toHaveLength(3);
    await page.getByText(/Ranked by most counted shares first; on a tie, the earliest/).waitFor();
    const report = page.locator('.campaign-report');
    expect(await report.getByText('Counted shares').locator('..').textContent()).toBe(
      'Counted shares3',
    );
    expect(await report.getByText('Cost per share').locator('..').textContent()).toBe(
      'Cost per share10.00',
    );
    const shares = page.getByRole('list', { name: 'Counted shares' });
    await shares.getByText(hostileShare, { exact: true }).waitFor();
    expect(await shares.getByRole('listitem').count()).toBe(3);
    expect(await page.locator('main img').count()).toBe(0);
    const link = shares.getByRole('link', { name: 'Open the post by @bob.test' });
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/bsky\.app\/profile\/bob\.test\//);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('picks the winner, announces on the brand post and messages the winner on their share', async () => {
    const pick = page.getByRole('form', { name: 'Pick winners' });
    await pick.getByLabel('How').selectOption('most_shares');
    await pick.getByLabel('Winners').fill('0');
    // From the keyboard: Enter in the field submits the form; a bad count is said, not sent.
    await pick.getByLabel('Winners').press('Enter');
    await pick.getByText('Pick between 1 and 100 winners.').waitFor();
    await pick.getByLabel('Winners').fill('1');
    await pick.getByLabel('Winners').press('Enter');
    const draw = page.locator('article.campaign-draw').first();
    await draw.getByText('Winners: @ann.test').waitFor();

    const announce = draw.getByRole('form', { name: 'Announce the result' });
    await announce.getByLabel('Announcement text').fill('Congratulations @ann.test, our winner!');
    await announce.getByRole('button', { name: 'Announce' }).click();
    await draw.getByRole('status').getByText('Announced on 1 post(s); 0 could not be.').waitFor();

    const winners = draw.getByRole('form', { name: 'Message the winners' });
    const message = winners.getByLabel('Message to @ann.test');
    expect(await message.inputValue()).toContain('Congratulations @ann.test!');
    await message.fill('You won the Free Swag bag, @ann.test! DM us your address.');
    await winners.getByRole('button', { name: 'Send the winners’ messages' }).click();
    await draw.getByRole('status').getByText('1 winner(s) messaged; 0 could not be.').waitFor();
    // The outbox sends both to the (simulated) network; the page shows them as sent.
    await draw.getByText('sent · reply sent').first().waitFor({ timeout: 20_000 });
    const thread = await pageApi<{ replies: Array<{ text: string }> }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/conversations/${annConversation}`,
    );
    expect(thread.replies.map((r) => r.text)).toContain(
      'You won the Free Swag bag, @ann.test! DM us your address.',
    );
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
