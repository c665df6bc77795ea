import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let errors: string[];
let onBluesky: string;
let onMastodon: string;

const conversationPath = (id: string) =>
  `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(id)}`;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId: onBluesky } = await app.addMention({
    text: 'My order never came.',
    handle: 'pat.bsky.social',
  }));
  ({ conversationId: onMastodon } = await app.addMention({
    text: 'Writing here too: still no parcel',
    handle: 'pat_on_mastodon',
    network: 'mastodon',
  }));
  ({ page, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("the customer's conversations on other networks", () => {
  it('links the customer’s Mastodon contact and lists that conversation, whose link opens it', async () => {
    await page.goto(conversationPath(onBluesky));
    const history = page.getByRole('region', { name: 'This customer’s other conversations' });
    await history.getByText('No other conversations with this customer.').waitFor();

    await history.getByRole('button', { name: 'Same person as…' }).click();
    await history.getByLabel('Find this customer on another network').fill('pat_on_mas');
    await history.getByRole('button', { name: 'Search' }).click();
    const match = history.getByRole('list', { name: 'Matching contacts' }).getByRole('listitem');
    await match.filter({ hasText: '@pat_on_mastodon on Mastodon' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await match.getByRole('button', { name: 'Link as same person' }).click();

    const item = history.locator('.customer-history__item');
    await item.filter({ hasText: 'Writing here too: still no parcel' }).waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.locator('.badge').first().textContent()).toBe('Mastodon');
    expect(await history.locator('.customer-history__identities').textContent()).toContain(
      'Mastodon as @pat_on_mastodon',
    );

    await item.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === conversationPath(onMastodon));
    await page.getByRole('heading', { level: 1, name: '@pat_on_mastodon' }).waitFor();
    const back = page.getByRole('region', { name: 'This customer’s other conversations' });
    await back
      .locator('.customer-history__item')
      .filter({ hasText: 'My order never came.' })
      .waitFor();
    expect(await back.locator('.customer-history__item .badge').first().textContent()).toBe(
      'Bluesky',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('unlinks again: “Not the same person” empties the list', async () => {
    const history = page.getByRole('region', { name: 'This customer’s other conversations' });
    await history.getByRole('button', { name: 'Not the same person' }).click();
    await history.getByText('No other conversations with this customer.').waitFor();
  });
});
