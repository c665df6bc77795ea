import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let longThreadId: string;
let longThreadRoot: string;
const posts = 12;
const desktop = { width: 1440, height: 900 };

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  const first = await app.addMention({
    text: 'Long story, part 1: the blender still does not start.',
    handle: 'long.story',
  });
  longThreadId = first.conversationId;
  longThreadRoot = first.externalId;
  for (let i = 2; i <= posts; i += 1) {
    const { conversationId } = await app.addMention({
      text: `Long story, part ${i}: the blender still does not start.`,
      handle: 'long.story',
      rootExternalId: first.externalId,
    });
    expect(conversationId).toBe(longThreadId);
  }
  for (let i = 0; i < 40; i += 1)
    await app.addMention({ text: `Parcel question ${i}: where is it?`, handle: `shopper${i}` });
  ({ page } = await openPage(browser, app.baseUrl));
  await page.setViewportSize(desktop);
  await logIn(page, app.owner);
  // A one-hour promise for every open conversation: the context pane shows its clock.
  await pageApi(page, 'POST', `/workspaces/${app.workspaceId}/sla-policies`, {
    name: 'Within the hour',
    teamId: null,
    firstResponseMinutes: 60,
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const ws = () => `/w/${encodeURIComponent(app.workspaceId)}`;
const list = () => page.getByRole('list', { name: 'All conversations' });
const thread = () => page.getByRole('region', { name: 'Thread' });
const context = () => page.getByRole('region', { name: 'About this conversation' });
/** The page's scroll position once it stops moving for a few frames. */
const settledScrollY = () =>
  page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    let last = -1;
    while (last !== window.scrollY) {
      last = window.scrollY;
      for (let i = 0; i < 5; i += 1) await frame();
    }
    return last;
  });
const box = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())!;

describe('three panes on a wide screen (1440×900)', () => {
  it('shows the list, the thread and the context side by side, all on the first screen', async () => {
    await page.goto(`${ws()}/conversations/${encodeURIComponent(longThreadId)}`);
    await page.locator('article.message--customer').first().waitFor();
    await list().locator('.inbox-row').first().waitFor();
    const [left, middle, right] = [await box(list()), await box(thread()), await box(context())];
    expect(left.x + left.width).toBeLessThanOrEqual(middle.x);
    expect(middle.x + middle.width).toBeLessThanOrEqual(right.x);
    expect(right.x + right.width).toBeLessThanOrEqual(desktop.width);
    for (const pane of [left, middle, right]) expect(pane.y).toBeLessThan(desktop.height / 3);
    // The list marks the open conversation; the page is named after it.
    const open = list().locator('a[aria-current="page"]');
    expect(await open.getAttribute('href')).toContain(longThreadId);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('@long.story');
    // Triage, SLA clock, tags, follow-up and the customer's history sit in the context pane.
    for (const name of ['Triage', 'This customer’s other conversations'])
      await context().getByRole('heading', { name }).waitFor();
    await context().getByRole('region', { name: 'Tags' }).waitFor();
    await context().getByLabel('Assignee').waitFor();
    await context().getByRole('form', { name: 'Follow-up reminder' }).waitFor();
    expect(await context().locator('dt').allInnerTexts()).toEqual(['Priority', 'Sentiment', 'SLA']);
    expect(await context().locator('.due').innerText()).toMatch(/^Reply due in /);
  });

  it('puts the thread first in the middle pane, the newest post at its bottom, the composer below', async () => {
    const article = page.locator('article.conversation');
    // Nothing but the conversation's title line and actions comes before the thread.
    expect(await article.locator('.conversation-tags, .follow-up, .customer-history').count()).toBe(
      0,
    );
    const header = await box(article.locator('.conversation__header'));
    const threadBox = await box(thread());
    expect(threadBox.y).toBeGreaterThanOrEqual(header.y + header.height);
    // Twelve posts do not fit: the thread scrolls on its own and opens at its newest post.
    const scroll = () =>
      thread().evaluate((el) => ({
        overflows: el.scrollHeight > el.clientHeight,
        atEnd: el.scrollHeight - el.scrollTop - el.clientHeight < 2,
      }));
    await expect.poll(scroll).toEqual({ overflows: true, atEnd: true });
    const newest = thread().locator('article.message--customer').last();
    expect(await newest.innerText()).toContain(`part ${posts}:`);
    const newestBox = await box(newest);
    expect(newestBox.y).toBeGreaterThanOrEqual(threadBox.y);
    expect(newestBox.y + newestBox.height).toBeLessThanOrEqual(threadBox.y + threadBox.height + 1);
    // The composer follows the thread, on the same screen, without scrolling the page.
    const composer = await box(article.locator('.composer'));
    expect(composer.y).toBeGreaterThanOrEqual(threadBox.y + threadBox.height);
    expect(composer.y + composer.height).toBeLessThanOrEqual(desktop.height);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('shows a new post at the bottom, and leaves a reader who scrolled up where they are', async () => {
    const atEnd = () =>
      thread().evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);
    const reply = async (text: string) => {
      await app.addMention({ text, handle: 'long.story', rootExternalId: longThreadRoot });
      await thread().locator('article.message--customer').filter({ hasText: text }).waitFor();
    };
    await reply('Long story, part 13: it smells of smoke now.');
    await expect.poll(atEnd).toBe(true);

    await thread().evaluate((el) => el.scrollTo(0, 0));
    await reply('Long story, part 14: never mind, it was the toaster.');
    expect(await thread().evaluate((el) => el.scrollTop)).toBe(0);
  });

  it('keeps the list where it was as conversations open from it', async () => {
    await page.goto(`${ws()}/inbox`);
    await list().locator('.inbox-row').first().waitFor();
    // A marker on the list's element: it survives only if the list is not rebuilt.
    await list().evaluate((el) => Object.assign(el, { keptByTest: true }));
    await page.evaluate(() => window.scrollTo(0, 1500));
    // The rows that came into view measure themselves (and may nudge the page a pixel): wait.
    const scrolled = await settledScrollY();
    expect(scrolled).toBeGreaterThan(1000);
    const opened: string[] = [];
    for (let step = 0; step < 2; step += 1) {
      // A row on screen now, not one opened already.
      const target = await list()
        .locator('.inbox-row a')
        .evaluateAll(
          (links, skip) =>
            links
              .filter((link) => {
                const rect = link.getBoundingClientRect();
                return rect.top > 100 && rect.bottom < window.innerHeight - 100;
              })
              .map((link) => link.getAttribute('href')!)
              .find((href) => !skip.includes(href)) ?? null,
          opened,
        );
      expect(target).not.toBeNull();
      opened.push(target!);
      await list().locator(`a[href="${target}"]`).click();
      await page.waitForURL((url) => url.pathname === target);
      await thread().locator('article.message--customer').first().waitFor();
      expect(await settledScrollY()).toBe(scrolled);
      expect(await list().evaluate((el) => (el as { keptByTest?: boolean }).keptByTest)).toBe(true);
      expect(await list().locator('a[aria-current="page"]').getAttribute('href')).toBe(target);
    }
  });

  it('gives the keys to the open conversation: j opens the next one in the list, once', async () => {
    const order = await list()
      .locator('.inbox-row')
      .evaluateAll((rows) =>
        rows
          .map((row) => ({
            index: Number(row.getAttribute('data-index')),
            href: row.querySelector('a')!.getAttribute('href')!,
          }))
          .sort((a, b) => a.index - b.index)
          .map((row) => row.href),
      );
    const here = new URL(page.url()).pathname;
    const next = order[order.indexOf(here) + 1];
    expect(next).toBeDefined();
    await page.locator('body').focus();
    await page.keyboard.press('j');
    await page.waitForURL((url) => url.pathname === next);
    await thread().locator('article.message--customer').first().waitFor();
    expect(await list().locator('a[aria-current="page"]').getAttribute('href')).toBe(next);
  });

  it('brings a new mention into the list while a conversation is open', async () => {
    const here = page.url();
    await page.getByText('Live', { exact: true }).waitFor();
    await app.addMention({ text: 'Arrived while you were reading', handle: 'live.newcomer' });
    const row = list().locator('.inbox-row').filter({ hasText: 'Arrived while you were reading' });
    await expect
      .poll(
        async () => {
          await page.evaluate(() => window.scrollTo(0, 0));
          if ((await row.count()) > 0) return true;
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          return (await row.count()) > 0;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    // The conversation stayed open beside it.
    expect(page.url()).toBe(here);
    await thread().locator('article.message--customer').first().waitFor();
  });
});

describe('the filter bar', () => {
  it('is a compact bar; a filter chosen in the form shows as a chip that removes it', async () => {
    await page.goto(`${ws()}/inbox`);
    await list().locator('.inbox-row').first().waitFor();
    const bar = page.locator('.inbox-filters');
    expect((await box(bar)).height).toBeLessThan(desktop.height * 0.15);
    expect(await page.getByLabel('Status').count()).toBe(0);

    const toggle = page.getByRole('button', { name: 'Filters' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByLabel('Status').selectOption('open');
    await page.waitForURL(/status=open/);
    const chips = page.getByRole('list', { name: 'Active filters' });
    await chips.getByText('Status: Open', { exact: true }).waitFor();
    expect(await toggle.innerText()).toContain('1 on');

    // The form stays open for the next filter.
    await page.getByLabel('Tag').fill('refund');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/tag=refund/);
    await chips.getByText('Tag: refund', { exact: true }).waitFor();
    await page.getByText('No conversation matches this search.').waitFor();

    await chips.getByRole('link', { name: 'Remove the filter Status: Open' }).click();
    await page.waitForURL((url) => !url.search.includes('status='));
    expect(new URL(page.url()).searchParams.get('tag')).toBe('refund');
    expect(await chips.locator('.filter-chip').allInnerTexts()).toEqual([
      expect.stringContaining('Tag: refund'),
    ]);
    await chips.getByRole('link', { name: 'Remove the filter Tag: refund' }).click();
    await page.waitForURL((url) => url.search === '');
    await list().locator('.inbox-row').first().waitFor();
    expect(await chips.count()).toBe(0);
  });
});

describe('one column on a phone (390×844)', () => {
  it('shows the conversation alone, thread before composer, with the same actions and no sideways scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${ws()}/conversations/${encodeURIComponent(longThreadId)}`);
    await page.locator('article.message--customer').first().waitFor();
    expect(await page.locator('.inbox-list').count()).toBe(0);
    for (const name of ['Assign to me', 'Resolve', 'Send reply'])
      await page.getByRole('button', { name }).first().waitFor();
    const [threadBox, composer, contextBox] = [
      await box(thread()),
      await box(page.locator('.composer')),
      await box(context()),
    ];
    expect(composer.y).toBeGreaterThan(threadBox.y);
    expect(contextBox.y).toBeGreaterThan(composer.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );

    await page.getByRole('link', { name: '← Inbox' }).click();
    await list().locator('.inbox-row').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.setViewportSize(desktop);
  });
});
