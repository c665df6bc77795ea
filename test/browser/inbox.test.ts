import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage, type OpenPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let session: OpenPage;
const pageSize = 50;
const seeded = pageSize + 3;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  for (let i = 0; i < seeded - 1; i += 1) {
    await app.addMention({
      text: `Question number ${i} about my delayed parcel`,
      handle: `customer${i}`,
    });
  }
  await app.addMention({
    text: 'Where is my refund for the broken kettle?',
    handle: 'kettle.owner',
  });
  session = await openPage(browser, app.baseUrl);
  await logIn(session.page, app.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The conversation ids the inbox shows, top to bottom. */
const shownIds = () =>
  session.page
    .locator('.inbox-row a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')?.split('/').pop() ?? ''));

describe('the inbox', () => {
  it('lists conversations in the order the API returns them, then loads more with the cursor', async () => {
    const { page } = session;
    await page
      .locator('.inbox-row')
      .nth(pageSize - 1)
      .waitFor();
    const firstPage = await page.evaluate(async (ws) => {
      const response = await fetch(`/api/v1/workspaces/${ws}/conversations?view=all&limit=50`);
      const body = (await response.json()) as { items: { id: string }[] };
      return body.items.map((item) => item.id);
    }, encodeURIComponent(app.workspaceId));
    expect(await shownIds()).toEqual(firstPage);

    await page.getByRole('button', { name: 'Load more' }).click();
    await page
      .locator('.inbox-row')
      .nth(seeded - 1)
      .waitFor();
    const all = await shownIds();
    expect(all).toHaveLength(seeded);
    expect(new Set(all).size).toBe(seeded);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('shows a new mention without a reload, through the live event stream', async () => {
    const { page } = session;
    await page.getByText('Live', { exact: true }).waitFor();
    await app.addMention({ text: 'Just arrived: is anyone there?', handle: 'late.arrival' });
    const row = page.locator('.inbox-row').filter({ hasText: 'Just arrived: is anyone there?' });
    await row.waitFor();
    expect(await row.textContent()).toContain('late.arrival');
  });

  it('searches, and keeps the search in the URL', async () => {
    const { page } = session;
    await page.getByLabel('Search conversations').fill('kettle');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=kettle/);
    await page.locator('.inbox-row').first().filter({ hasText: 'broken kettle' }).waitFor();
    await expect.poll(() => page.locator('.inbox-row').count()).toBe(1);

    await page.getByLabel('Search conversations').fill('no-such-word-anywhere');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No conversation matches this search.').waitFor();
  });
});
