import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;

const yesterday = new Date(Date.now() - 86_400_000).toISOString();
const reviewUrl = 'https://www.yelp.com/biz/acme?hrid=r1';
// Earshot's own layout; the third row's rating cannot be read.
const csv = [
  'id,site,author,rating,title,text,posted_at,url',
  `r1,Yelp,Dana,1,Never again,"Cold food, <b>rude</b> staff.",${yesterday},${reviewUrl}`,
  `r2,Yelp,Eli,5,Lovely,Great coffee.,${yesterday},`,
  `r3,Yelp,Gus,seven,Odd,What?,${yesterday},`,
].join('\n');

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const ws = () => `/w/${encodeURIComponent(app.workspaceId)}`;
const file = { name: 'yelp-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };

describe('review sites', () => {
  it('imports a review file from Settings: preview, then added, duplicates and rejections', async () => {
    await page.goto(`${ws()}/settings/reviews`);
    await page.getByRole('heading', { level: 2, name: 'Import reviews' }).waitFor();
    await page.getByLabel('Review file').setInputFiles(file);
    const preview = page.getByRole('table', { name: 'First rows, read with these columns' });
    await preview.waitFor();
    expect(await page.getByLabel('Export from').inputValue()).toBe('earshot');
    expect(await page.getByLabel('Rating (required)').inputValue()).toBe('rating');
    await preview.getByRole('cell', { name: '★ 1/5' }).waitFor();
    // Markup in a review is shown as text.
    await preview
      .getByRole('cell', { name: 'Never again Cold food, <b>rude</b> staff.' })
      .waitFor();
    await preview.getByText('Will be rejected: rating must be a number from 1 to 5').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Import reviews' }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'Added' });
    await outcome
      .getByText('Added 2 reviews; skipped 0 reviews already imported; rejected 1.')
      .waitFor();
    await outcome.getByText('Line 4: rating must be a number').waitFor();
    await page.getByRole('button', { name: 'Import reviews' }).click();
    await outcome
      .getByText('Added 0 reviews; skipped 2 reviews already imported; rejected 1.')
      .waitFor();
  });

  it('shows the stars in the inbox, filters by them, and ranks the one-star review first', async () => {
    await page.goto(`${ws()}/inbox`);
    const rows = page.locator('.inbox-row');
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toContain('★ 1/5');
    await rows.filter({ hasText: '★ 5/5' }).waitFor();
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Review stars').selectOption('1');
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('rating=1');
    await page
      .getByRole('list', { name: 'Active filters' })
      .getByText('Review stars: ★ 1', { exact: true })
      .waitFor();
    expect(await rows.first().getByText('Rating: 1 of 5 stars').count()).toBe(1);
  });

  it('keeps the reply written for the site, links the review, and marks it answered', async () => {
    await page.locator('.inbox-row a').first().click();
    const panel = page.getByRole('region', { name: 'Reply on the review site' });
    await panel.getByText('Earshot cannot post replies to yelp').waitFor();
    expect(await page.locator('.conversation__header').innerText()).toContain('★ 1/5');
    expect(
      await panel.getByRole('link', { name: 'Open the review on the site' }).getAttribute('href'),
    ).toBe(reviewUrl);
    const reply = 'So sorry, Dana: we have called the shop.';
    await panel.getByLabel('Your reply, as posted on the site').fill(reply);
    // The text survives a reload while the agent is on the site.
    await page.reload();
    await panel.getByLabel('Your reply, as posted on the site').waitFor();
    expect(await panel.getByLabel('Your reply, as posted on the site').inputValue()).toBe(reply);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Mark as answered' }).click();
    await panel.getByText('Answered — nothing waits for a reply.').waitFor();
    await page.getByText(`You answered on the site: “${reply}”`).waitFor();
  });
});
