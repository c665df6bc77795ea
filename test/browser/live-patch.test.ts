import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resyncNoticeType } from '../../src/api/realtime.ts';
import { notifyChanges } from '../../src/store/changes.ts';
import { startTestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage, type OpenPage } from './session.ts';

// Issue 22 §4 (ADR 0012): an event patches the open list in place; only a reconnect refetches it.
let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let watcher: OpenPage;
let colleague: OpenPage;
const seat = 'Seat 12C was broken all the way to Lisbon';
const bag = 'My bag never came off the belt';
const seatId = { value: '' };
const bagId = { value: '' };
/** The API requests the watching page made, path and query. */
const requests: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  seatId.value = (await app.addMention({ text: seat, handle: 'seat.passenger' })).conversationId;
  bagId.value = (await app.addMention({ text: bag, handle: 'bag.passenger' })).conversationId;
  await app.addMention({ text: 'The meal was cold', handle: 'meal.passenger' });
  [watcher, colleague] = await Promise.all([
    openPage(browser, app.baseUrl),
    openPage(browser, app.baseUrl),
  ]);
  await Promise.all([logIn(watcher.page, app.owner), logIn(colleague.page, app.owner)]);
  watcher.page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) requests.push(url.pathname + url.search);
  });
  await watcher.page.getByText('Live', { exact: true }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const ws = () => `/workspaces/${app.workspaceId}`;
const rowOf = (text: string) => watcher.page.locator('.inbox-row').filter({ hasText: text });
/** Inbox list requests made since `from`: whole (pages) and patches (`ids=`). */
const listRequests = (from: number) => {
  const list = requests.slice(from).filter((url) => /\/conversations\?/.test(url));
  return {
    whole: list.filter((url) => !url.includes('ids=')),
    patches: list.filter((url) => url.includes('ids=')),
  };
};

describe('the open inbox list, live', () => {
  it('updates a row in place when its conversation changes, without refetching the list', async () => {
    await rowOf(seat).waitFor();
    const from = requests.length;
    await pageApi(colleague.page, 'POST', `${ws()}/conversations/${seatId.value}/assign`, {
      assigneeId: app.seeded.users.agent.id,
    });
    await expect
      .poll(() => rowOf(seat).textContent(), { timeout: 10_000 })
      .toContain('Assigned to Acme agent');
    const made = listRequests(from);
    expect(made.whole).toEqual([]);
    expect(made.patches.length).toBeGreaterThanOrEqual(1);
    expect(made.patches.every((url) => url.includes(`ids=${seatId.value}`))).toBe(true);
    // Events about other conversations never refetch the conversation this one is not.
    expect(requests.slice(from).filter((url) => url.includes(bagId.value))).toEqual([]);
  });

  it('lets a row leave when it no longer matches the view', async () => {
    await rowOf(bag).waitFor();
    const from = requests.length;
    await pageApi(colleague.page, 'POST', `${ws()}/conversations/${bagId.value}/status`, {
      status: 'resolved',
    });
    await expect.poll(() => rowOf(bag).count(), { timeout: 10_000 }).toBe(0);
    await expect(rowOf(seat).count()).resolves.toBe(1);
    expect(listRequests(from).whole).toEqual([]);
  });

  it('lets a new conversation enter in the inbox order', async () => {
    const from = requests.length;
    const urgent = 'URGENT the plane left without me, I need help now';
    await app.addMention({ text: urgent, handle: 'stranded.passenger' });
    await rowOf(urgent).waitFor({ timeout: 10_000 });
    const shown = await watcher.page.locator('.inbox-row').evaluateAll((rows) =>
      rows
        .map((row) => ({
          index: Number(row.getAttribute('data-index')),
          id: row.querySelector('a')?.getAttribute('href')?.split('/').pop() ?? '',
        }))
        .sort((a, b) => a.index - b.index)
        .map((row) => row.id),
    );
    const fromServer = await pageApi<{ items: { id: string }[] }>(
      colleague.page,
      'GET',
      `${ws()}/conversations?view=all`,
    );
    expect(shown).toEqual(fromServer.items.map((item) => item.id).slice(0, shown.length));
    expect(listRequests(from).whole).toEqual([]);
  });

  it('refetches the list once after the stream reconnects', async () => {
    const from = requests.length;
    // What the server says when LISTEN came back after an outage: every stream ends.
    await notifyChanges(app.running.store.db, [
      { type: resyncNoticeType, workspaceId: app.workspaceId },
    ]);
    await expect.poll(() => listRequests(from).whole.length, { timeout: 15_000 }).toBe(1);
    await watcher.page.getByText('Live', { exact: true }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(listRequests(from).whole).toHaveLength(1);
    expect(requests.slice(from).filter((url) => url.startsWith('/api/v1/events'))).toHaveLength(1);
  });
});
