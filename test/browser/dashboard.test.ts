import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage, type OpenPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let session: OpenPage;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  await app.addMention({ text: 'My parcel is late, where is it?', handle: 'waiting.customer' });
  await app.addMention({ text: 'Refund still missing', handle: 'other.customer' });
  await app.addMention({
    text: '<img src=x onerror=alert(1)> on mastodon',
    handle: 'toot.customer',
    network: 'mastodon',
  });
  session = await openPage(browser, app.baseUrl);
  await logIn(session.page, app.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the reports dashboard', () => {
  it('shows the measures and charts of the workspace, reachable from the navigation', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Reports' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const networks = page.getByRole('figure', { name: 'Mentions by network' });
    await networks.getByText('bluesky').waitFor();
    expect(await networks.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^bluesky\s+2$/),
      expect.stringMatching(/^mastodon\s+1$/),
    ]);
    // Three mentions needed an answer and none has had one yet.
    const rate = page.locator('.dashboard-measure').filter({ hasText: 'Response rate' });
    await expect.poll(() => rate.innerText()).toMatch(/0 %\s+0 of 3 mentions/);
    // Day-by-day charts: drawn (uPlot canvas), with the previous period, and as a table.
    const mentions = page.getByRole('figure', { name: /^Mentions per day/ });
    await mentions.locator('canvas').first().waitFor();
    await mentions.getByText('Show as table').click();
    const rows = mentions.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(30);
    expect(await mentions.locator('thead').innerText()).toMatch(/Previous period/);
    // Today's row counts the three mentions; the previous period had none.
    expect(await rows.last().innerText()).toMatch(/\s3\s+0$/);
    expect(await page.getByRole('figure', { name: /^Net sentiment per day/ }).count()).toBe(1);
    expect(await page.locator('.report-heat tbody tr').count()).toBe(7);
    expect(await page.locator('.report-heat tbody td').count()).toBe(168);
    expect(session.dialogs).toEqual([]);
    expect(session.errors).toEqual([]);
  });

  it('narrows to a brand and a period, and links each report as CSV', async () => {
    const { page } = session;
    await page.getByLabel('Period').selectOption('7');
    await page.getByLabel('Brand').selectOption({ label: 'Acme Brand' });
    const rate = page.locator('.dashboard-measure').filter({ hasText: 'Response rate' });
    await expect.poll(() => rate.innerText()).toMatch(/0 of 3 mentions/);
    const href = await page.getByRole('link', { name: 'volume' }).getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain(`brandId=${app.seeded.brandId}`);
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(csv.split('\r\n')[0]).toBe('dimension,value,mentions');
  });

  it('keeps the period and brand in the URL, and opens the conversations behind a figure', async () => {
    const { page } = session;
    await expect.poll(() => page.url()).toMatch(/[?&]days=7/);
    expect(page.url()).toContain(`brandId=${app.seeded.brandId}`);
    await page.reload();
    await expect.poll(() => page.getByLabel('Period').inputValue()).toBe('7');
    // The brand list loads after the page: its choice shows once it has.
    await expect.poll(() => page.getByLabel('Brand').inputValue()).toBe(app.seeded.brandId);

    // A network's bar opens the inbox narrowed to it and to the period, every status.
    const networks = page.getByRole('figure', { name: 'Mentions by network' });
    await networks.getByRole('link', { name: 'mastodon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    expect(page.url()).toMatch(/network=mastodon/);
    expect(page.url()).toMatch(/openedFrom=/);
    await expect.poll(() => page.locator('.inbox-row').count()).toBe(1);
    await page.goBack();

    // Today's row of the day-by-day table opens that day's conversations.
    const mentions = page.getByRole('figure', { name: /^Mentions per day/ });
    await mentions.getByText('Show as table').click();
    await mentions.locator('tbody tr').last().getByRole('button').click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await expect.poll(() => page.locator('.inbox-row').count()).toBe(3);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  });

  it('passes axe (serious and critical rules)', async () => {
    await session.page.locator('.report-heat').waitFor();
    expect(await seriousA11yViolations(session.page)).toEqual([]);
  });

  it('loads and draws its charts in a browser that reports a POSIX locale (en-US@posix)', async () => {
    // Chromium on Linux under LANG=C reports this; Intl rejects it, and uPlot reads it on load.
    const posix = await openPage(browser, app.baseUrl);
    await posix.page.addInitScript(() => {
      for (const [name, value] of [
        ['language', 'en-US@posix'],
        ['languages', ['en-US@posix']],
      ] as const) {
        Object.defineProperty(navigator, name, { get: () => value, configurable: true });
      }
    });
    await logIn(posix.page, app.owner);
    await posix.page.getByRole('link', { name: 'Reports' }).first().click();
    const mentions = posix.page.getByRole('figure', { name: /^Mentions per day/ });
    await mentions.locator('canvas').first().waitFor();
    expect(await posix.page.evaluate(() => navigator.language)).toBe('en-US');
    expect(posix.errors).toEqual([]);
    await posix.page.context().close();
  });
});
