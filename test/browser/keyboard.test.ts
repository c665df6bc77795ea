import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  for (const [i, text] of ['parcel lost', 'refund please', 'app crashes', 'wrong size'].entries())
    await app.addMention({ text: `Shortcut test: ${text}`, handle: `keys${i}` });
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.seeded.users.agent);
  await page.locator('.inbox-row').nth(3).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The conversation id of the focused element (a row link), or what has the focus. */
const focused = () =>
  page.evaluate(() => {
    const element = document.activeElement;
    const href = element?.getAttribute('href');
    return href ? href.split('/').pop()! : (element?.id ?? element?.tagName ?? '');
  });

const rowIds = () =>
  page
    .locator('.inbox-row a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('/').pop()!));

const statusOf = (id: string) =>
  page.evaluate(
    async ({ ws, id }) => {
      const response = await fetch(`/api/v1/workspaces/${ws}/conversations/${id}`);
      return (
        (await response.json()) as { conversation: { status: string; assigneeId: string | null } }
      ).conversation;
    },
    { ws: app.workspaceId, id },
  );

describe('keyboard shortcuts, without a mouse', () => {
  it('moves through the inbox with j and k, focusing each row', async () => {
    const ids = await rowIds();
    await page.keyboard.press('j');
    await expect.poll(focused).toBe(ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(focused).toBe(ids[2]);
    await page.keyboard.press('k');
    await expect.poll(focused).toBe(ids[1]);
    expect(await page.locator('.inbox-row a[aria-current="true"]').count()).toBe(1);
  });

  it('assigns the selected conversation to me (a), resolves it (e), snoozes the next (s)', async () => {
    const ids = await rowIds();
    const selected = await focused();
    expect(selected).toBe(ids[1]);
    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Assigned to you' }).waitFor();
    expect((await statusOf(selected)).assigneeId).toBe(app.seeded.users.agent.id);

    await page.keyboard.press('e');
    await expect.poll(async () => (await statusOf(selected)).status).toBe('resolved');
    // The resolved row leaves the list; the focus stays in the list, on the row now in its place.
    await expect.poll(rowIds).not.toContain(selected);
    await expect.poll(focused).toBe(ids[2]);

    await page.keyboard.press('s');
    await expect.poll(async () => (await statusOf(ids[2]!)).status).toBe('snoozed');
    // The live update takes the snoozed row away; the focus settles on the row in its place.
    await expect.poll(rowIds).not.toContain(ids[2]);
    await expect.poll(focused).toBe(ids[3]);
  });

  it('opens the help with ?, closes it with Escape and gives the focus back', async () => {
    const before = await focused();
    await page.keyboard.press('Shift+Slash');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const action of ['Next conversation', 'Assign to me', 'Reply', 'Resolve', 'Snooze'])
      expect(await dialog.textContent()).toContain(action);
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(
      true,
    );
    // Shortcuts sleep while the dialog is open.
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(
      true,
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused()).toBe(before);
  });

  it('focuses the search with /, where letters are typed, not obeyed', async () => {
    await page.keyboard.press('/');
    await expect.poll(focused).toBe('inbox-search');
    // "j", "k", "a", "e", "s" and "r" in a word: none of them acts.
    await page.keyboard.type('Shortcut keys');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=Shortcut/);
    // Two of the four are still open (one was resolved, one snoozed).
    await expect.poll(() => page.locator('.inbox-row').count()).toBe(0);
    await page.getByLabel('Search conversations').fill('Shortcut');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.inbox-row').count()).toBe(2);
  });

  it('replies with r: opens the selected conversation with the focus in the reply box', async () => {
    await page.locator('#main').focus();
    await page.keyboard.press('j');
    const shown = await rowIds();
    const id = shown[0]!;
    await expect.poll(focused).toBe(id);
    await page.keyboard.press('r');
    await page.waitForURL(new RegExp(`/conversations/${id}$`));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-composer-text')))
      .toBe(true);
    await page.keyboard.type('We are on it.');
    // Escape leaves the box; then the shortcuts work again: e resolves this conversation and
    // opens the next one of the inbox.
    await page.keyboard.press('Escape');
    await page.keyboard.press('e');
    const next = shown[1];
    await page.waitForURL(next ? new RegExp(`/conversations/${next}$`) : /\/inbox/);
    expect((await statusOf(id)).status).toBe('resolved');
  });
});
