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

/** The conversation ids of the rows in the page, by their place in the list. */
const renderedIds = () =>
  session.page.locator('.inbox-row').evaluateAll((rows) =>
    rows
      .map((row) => ({
        index: Number(row.getAttribute('data-index')),
        id: row.querySelector('a')?.getAttribute('href')?.split('/').pop() ?? '',
      }))
      .sort((a, b) => a.index - b.index),
  );

const apiPage = (cursor: string | null) =>
  session.page.evaluate(
    async ({ ws, cursor }) => {
      const query = `view=all&limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await fetch(`/api/v1/workspaces/${ws}/conversations?${query}`);
      return (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
    },
    { ws: encodeURIComponent(app.workspaceId), cursor },
  );

describe('the inbox', () => {
  it('renders only the rows near the screen, in the API order, and loads the next page on scroll', async () => {
    const { page } = session;
    await page.locator('.inbox-row').first().waitFor();
    const first = await apiPage(null);
    const shown = await renderedIds();
    // A virtual list: a screenful and a few more, not all 50 of the first page.
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.length).toBeLessThan(30);
    expect(shown.map((row) => row.id)).toEqual(
      first.items.slice(0, shown.length).map((item) => item.id),
    );

    // Scrolling to the end asks for the next page by itself, with the cursor.
    const second = await apiPage(first.nextCursor);
    const lastId = second.items.at(-1)!.id;
    await expect
      .poll(
        async () => {
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          return (await renderedIds()).some((row) => row.id === lastId);
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const last = page.locator('.inbox-row').filter({ has: page.locator(`a[href$="${lastId}"]`) });
    expect(await last.getAttribute('aria-posinset')).toBe(String(seeded));
    expect(await last.getAttribute('aria-setsize')).toBe(String(seeded));
    expect(await page.locator('.inbox-row').count()).toBeLessThan(30);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('shows a new mention without a reload, through the live event stream', async () => {
    const { page } = session;
    await page.getByText('Live', { exact: true }).waitFor();
    await app.addMention({ text: 'Just arrived: is anyone there?', handle: 'late.arrival' });
    const row = page.locator('.inbox-row').filter({ hasText: 'Just arrived: is anyone there?' });
    // Wherever the inbox order puts it, the virtual list renders it once it is scrolled to. The
    // row is read where it is found: a second event about the same mention (its routing) may
    // move it, and the virtual list then renders it elsewhere.
    const shownText = async () => {
      for (const top of [false, true]) {
        await page.evaluate(
          (toTop) => window.scrollTo(0, toTop ? 0 : document.body.scrollHeight),
          top,
        );
        if ((await row.count()) === 0) continue;
        const text = await row
          .first()
          .textContent({ timeout: 1_000 })
          .catch(() => null);
        if (text !== null) return text;
      }
      return '';
    };
    await expect.poll(shownText, { timeout: 15_000 }).toContain('late.arrival');
    await page.evaluate(() => window.scrollTo(0, 0));
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
