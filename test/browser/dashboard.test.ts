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
    await page.getByRole('img', { name: /Net sentiment over 3[01] days/ }).waitFor();
    // Nothing was triaged here, so the line has no point and says so.
    await page.getByText('No mention with a sentiment in this period.').waitFor();
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

  it('passes axe (serious and critical rules)', async () => {
    await session.page.locator('.report-heat').waitFor();
    expect(await seriousA11yViolations(session.page)).toEqual([]);
  });
});
