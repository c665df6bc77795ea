import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let teamId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  ({ id: teamId } = await pageApi<{ id: string }>(
    page,
    'POST',
    `/workspaces/${app.workspaceId}/teams`,
    { name: 'Billing' },
  ));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const open = async (section: string, heading: string) => {
  await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/settings/${section}`);
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
};

type Policy = { name: string; teamId: string | null; firstResponseMinutes: number | null };

describe('SLA and business-hours settings, as an owner', () => {
  it('adds an SLA policy for a team and edits it', async () => {
    await open('sla', 'SLA policies');
    const form = page.getByRole('form', { name: 'Add SLA policy' });
    await form.getByLabel('Name').fill('Billing fast lane');
    await form.getByLabel('Team').selectOption({ label: 'Billing' });
    await form.getByLabel('First response within (minutes)').fill('30');
    await form.getByLabel('Resolution within (minutes)').fill('480');
    await form.getByLabel('Raise its priority by').fill('10');
    await form.getByRole('button', { name: 'Add SLA policy' }).click();
    await page.getByRole('heading', { level: 3, name: 'Billing fast lane' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const edit = page.getByRole('form', { name: 'Save Billing fast lane' });
    await edit.getByLabel('First response within (minutes)').fill('20');
    await edit.getByRole('button', { name: 'Save Billing fast lane' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const stored = await pageApi<{ items: Policy[] }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/sla-policies`,
    );
    expect(stored.items.map((p) => [p.name, p.teamId, p.firstResponseMinutes])).toEqual([
      ['Billing fast lane', teamId, 20],
    ]);
  });

  it("saves a team's hours, and shows the server's refusal of a reply without {{opensAt}}", async () => {
    await open('hours', 'Business hours');
    const form = page.getByRole('form', { name: 'Business hours' });
    expect(await form.getByLabel('Open 24/7').isChecked()).toBe(true);
    await form.getByLabel('Open 24/7').uncheck();
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByLabel('Monday', { exact: true }).check();
    await form.getByLabel('Monday opens').fill('08:30');
    await form.getByLabel('Tuesday', { exact: true }).check();
    await form.getByLabel('Holidays (YYYY-MM-DD, comma-separated)').fill('2026-12-25');
    await form.getByLabel(/Out-of-hours reply/).fill('We only answer during office hours.');
    await form.getByRole('button', { name: 'Save business hours' }).click();
    const error = page.getByRole('alert').filter({ hasText: /opensAt/ });
    await error.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await form.getByLabel(/Out-of-hours reply/).fill('Thanks! We are back {{opensAt}}.');
    await form.getByRole('button', { name: 'Save business hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const hours = await pageApi<Record<string, unknown>>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/teams/${teamId}/business-hours`,
    );
    expect(hours).toMatchObject({
      configured: true,
      alwaysOpen: false,
      timeZone: 'Europe/Berlin',
      week: {
        monday: [{ start: '08:30', end: '17:00' }],
        tuesday: [{ start: '09:00', end: '17:00' }],
      },
      holidays: ['2026-12-25'],
      acknowledgement: 'Thanks! We are back {{opensAt}}.',
    });
    expect(Object.keys(hours.week as object)).toEqual(['monday', 'tuesday']);
  });

  it('adds a webhook destination, shows its secret once and queues a test alert', async () => {
    await open('alerts', 'Alert destinations');
    await page.getByLabel('Webhook URL').fill('https://hooks.example.com/earshot');
    await page.getByRole('button', { name: 'Add destination' }).click();
    await page.getByRole('status').filter({ hasText: 'Signing secret (shown only now)' }).waitFor();
    const card = page.locator('.settings-card').filter({ hasText: 'hooks.example.com' });
    await card.getByText('Enabled').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await card.getByRole('button', { name: /^Send test to/ }).click();
    await card.getByText('Test alert queued').waitFor();
    const alerts = await pageApi<{ items: { kind: string; summary: string }[] }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/alerts`,
    );
    expect(alerts.items.map((a) => [a.kind, a.summary])).toEqual([
      ['test', 'A test alert to https://hooks.example.com/earshot'],
    ]);

    await card.getByRole('button', { name: /^Switch off/ }).click();
    await card.getByText('Switched off').waitFor();
  });
});
