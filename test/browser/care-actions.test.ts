import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam } from '../../src/store/teams.repository.ts';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

// Every care action from the conversation page (assign to anyone, team, priority, status,
// snooze to a picked time, spam/abuse moderation), and bulk actions on the inbox's selection.

type Item = {
  id: string;
  status: string;
  priority: number;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
};

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let errors: string[];
let teamId: string;
const ids: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  teamId = (await createTeam(app.running.store.db, app.workspaceId, 'Baggage desk')).id;
  ({ page, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  // A one-hour promise for every conversation: the composer shows the time left.
  await pageApi(page, 'POST', `/workspaces/${app.workspaceId}/sla-policies`, {
    name: 'Within the hour',
    teamId: null,
    firstResponseMinutes: 60,
  });
  for (const [i, text] of [
    'Care test: my bag never arrived in Lisbon',
    'Care test: the app logs me out every hour',
    'Care test: refund still not here after 3 weeks',
    'Care test: BUY FOLLOWERS cheap at spam dot example',
  ].entries())
    ids.push((await app.addMention({ text, handle: `care${i}` })).conversationId);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const conversationOf = async (id: string) =>
  (
    await pageApi<{ conversation: Item }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/conversations/${id}`,
    )
  ).conversation;

const open = async (id: string) => {
  await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/conversations/${id}`);
  await page.locator('article.message--customer').waitFor();
};

describe('care actions on a conversation', () => {
  it('assigns to a teammate, moves to a team and sets the priority from the page', async () => {
    await open(ids[0]!);
    // The composer says which post a reply answers and how long is left to answer it.
    const composer = page.getByRole('form', { name: 'Reply or add a note' });
    expect(await composer.locator('.composer__answering').textContent()).toMatch(
      /^Replying to the newest post by @care0, from .+; choose another with its Reply button$/,
    );
    expect(await composer.locator('.composer__sla').textContent()).toMatch(/^Reply due in /);
    await page.getByLabel('Assignee').selectOption(app.seeded.users.agent.id);
    await expect
      .poll(async () => (await conversationOf(ids[0]!)).assigneeId)
      .toBe(app.seeded.users.agent.id);
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Baggage desk' });
    await expect.poll(async () => (await conversationOf(ids[0]!)).teamId).toBe(teamId);
    await page.getByLabel('Priority').selectOption('urgent');
    await expect.poll(async () => (await conversationOf(ids[0]!)).priority).toBe(90);
    await page
      .locator('.conversation__meta .badge--priority')
      .filter({ hasText: 'Urgent' })
      .waitFor();
    await page
      .locator('.thread-event')
      .filter({ hasText: /priority/i })
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sets pending until the customer replies, and snoozes to a picked time, then opens the next', async () => {
    await open(ids[1]!);
    await page.getByText('Snooze…').click();
    await page.getByRole('button', { name: 'Until the customer replies' }).click();
    await expect.poll(async () => (await conversationOf(ids[1]!)).status).toBe('pending');

    await page.getByText('Snooze…').click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Until', { exact: true }).fill('2031-05-04T09:30');
    const here = page.url();
    await page.getByRole('button', { name: 'Snooze', exact: true }).click();
    await page.waitForURL((url) => url.href !== here);
    const after = await pageApi<{
      conversation: Item;
      events: Array<{ type: string; data: { to?: string; until?: string } }>;
    }>(page, 'GET', `/workspaces/${app.workspaceId}/conversations/${ids[1]}`);
    expect(after.conversation.status).toBe('snoozed');
    expect(after.events.findLast((e) => e.data.to === 'snoozed')?.data.until).toBe(
      new Date(2031, 4, 4, 9, 30).toISOString(),
    );
  });

  it('hides a spam post only with a reason, and records it in the moderation log', async () => {
    await open(ids[3]!);
    const moderation = page.locator('.care-moderation');
    await moderation.getByText('Spam or abuse…').click();
    const submit = moderation.getByRole('button', { name: 'Hide post' });
    expect(await submit.isDisabled()).toBe(true);
    await moderation.getByLabel('Reason', { exact: true }).selectOption('spam');
    await submit.click();
    await page.getByText('The post is hidden.').waitFor();
    const log = await pageApi<{ items: Array<{ action: string; reason: string }> }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/moderation`,
    );
    expect(log.items[0]).toMatchObject({ action: 'hide', reason: 'spam' });
  });
});

describe('bulk actions in the inbox', () => {
  it('ticks rows with x and shift-click, then tags and resolves them all at once', async () => {
    await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/inbox?q=Care%20test`);
    const rows = page.locator('.inbox-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const shown = await page
      .locator('.inbox-row a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('/').pop()!));

    await page.locator('#main').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByRole('region', { name: 'Bulk actions' }).getByText('1 selected').waitFor();
    await rows
      .nth(shown.length - 1)
      .locator('.inbox-row__check')
      .click({ modifiers: ['Shift'] });
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText(`${shown.length} selected`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await bar.getByLabel('Tag the selected').fill('bulk-checked');
    await bar.getByRole('button', { name: 'Tag' }).click();
    await page.getByText(`Tagged ${shown.length} of ${shown.length}`).waitFor();
    for (const id of shown) expect((await conversationOf(id)).tags).toContain('bulk-checked');

    for (const row of await rows.all()) await row.locator('.inbox-row__check').check();
    await page
      .getByRole('region', { name: 'Bulk actions' })
      .getByRole('button', { name: 'Resolve' })
      .click();
    await page.getByText(/^Resolved \d+ of \d+$/).waitFor();
    for (const id of shown) expect((await conversationOf(id)).status).toBe('resolved');
    expect(errors).toEqual([]);
  });
});
