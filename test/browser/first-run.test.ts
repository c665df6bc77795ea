import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

// A workspace not yet set up shows "Get started" above its inbox: each step a link, ticked from
// the real state, and the list goes away once everything is done.

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const checklist = () => page.getByRole('region', { name: 'Get started' });
const stepLink = (name: string) => checklist().getByRole('link', { name: new RegExp(`^${name}`) });

describe('the first-run checklist', () => {
  it('shows what is done and what is left, each step a link to where it is done', async () => {
    // The test workspace has a brand, a channel and teammates, but no team or SLA policy yet.
    await checklist().getByText('3 of 5 done').waitFor();
    await checklist()
      .getByText('Next, create a team: routing sends each mention to the people who can answer it.')
      .waitFor();
    for (const [step, done] of [
      ['Add your brand', true],
      ['Connect a network', true],
      ['Create a team', false],
      ['Set an SLA policy', false],
      ['Invite your teammates', true],
    ] as const)
      expect(await stepLink(step).textContent(), step).toContain(done ? '(done)' : '(to do)');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('ticks a step done in Settings, and goes away when all are done', async () => {
    await stepLink('Create a team').click();
    await page.waitForURL(/\/settings\/teams$/);
    await page.getByLabel('Team name').fill('Care desk');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { name: 'Care desk' }).waitFor();

    await page.getByRole('link', { name: 'Inbox' }).first().click();
    await checklist().getByText('4 of 5 done').waitFor();
    expect(await stepLink('Create a team').textContent()).toContain('(done)');

    const teams = await pageApi<{ items: Array<{ id: string }> }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/teams`,
    );
    await pageApi(page, 'POST', `/workspaces/${app.workspaceId}/sla-policies`, {
      name: 'Within the hour',
      teamId: teams.items[0]!.id,
      firstResponseMinutes: 60,
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await page.locator('.inbox-row, .empty').first().waitFor();
    expect(await checklist().count()).toBe(0);
  });
});
