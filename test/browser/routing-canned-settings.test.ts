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

const api = <T>(method: string, path: string, body?: unknown) =>
  pageApi<T>(page, method, `/workspaces/${app.workspaceId}${path}`, body);
const open = async (section: string, heading: string) => {
  await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/settings/${section}`);
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
};

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  await api('POST', '/teams', { name: 'Billing' });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('routing rules in settings', () => {
  it('adds a rule, explains it, and a dry run routes by it', async () => {
    await open('routing', 'Routing rules');
    await page.getByText('No routing rules yet.').waitFor();
    await page.getByLabel('Rule name').fill('Refunds');
    await page.getByLabel('When it mentions any of (comma-separated)').fill('refund, money back');
    await page.getByLabel('Route to team').selectOption({ label: 'Billing' });
    await page.getByLabel('Set priority (0–100)').fill('80');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.locator('.routing-rule').filter({ hasText: 'Refunds' });
    await rule
      .getByText('When mentions any of refund, money back: to Billing, priority 80.')
      .waitFor();

    await page.getByLabel('A customer’s message').fill('I want a refund for my order');
    await page.getByRole('button', { name: 'Where would it go?' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: "routed to Billing by rule 'Refunds'" })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('refuses a rule that does nothing, saying why', async () => {
    await page.getByLabel('Rule name').fill('Idle');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least one action' }).waitFor();
  });

  it('reorders, disables and removes rules', async () => {
    await page.getByLabel('Rule name').fill('Praise');
    await page.getByLabel('When its sentiment is').selectOption('positive');
    await page.getByLabel('Add tags (comma-separated)').fill('praise');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('heading', { level: 3, name: '2. Praise' }).waitFor();

    await page.getByRole('button', { name: 'Move Praise up' }).click();
    await page.getByRole('heading', { level: 3, name: '1. Praise' }).waitFor();
    type Rules = { items: { name: string; enabled: boolean }[] };
    const names = async () => (await api<Rules>('GET', '/routing/rules')).items;
    expect((await names()).map((r) => r.name)).toEqual(['Praise', 'Refunds']);

    const praise = page.locator('.routing-rule').filter({ hasText: 'Praise' });
    await praise.getByRole('button', { name: 'Disable Praise' }).click();
    await praise.getByText('Disabled: not tried').waitFor();
    expect((await names())[0]?.enabled).toBe(false);
    await praise.getByRole('button', { name: 'Enable Praise' }).waitFor();
    await praise.getByRole('button', { name: 'Remove Praise' }).click();
    await praise.waitFor({ state: 'detached' });
    expect((await names()).map((r) => r.name)).toEqual(['Refunds']);
  });
});

describe('canned responses in settings', () => {
  it('adds one with a variable and edits it', async () => {
    await open('canned', 'Canned responses');
    const add = page.getByRole('form', { name: 'Add canned response' });
    await add.getByLabel('Name').fill('Thanks');
    await add.getByLabel('Text').fill('Hi {{customer.name}}, thanks for telling us!');
    await add.getByRole('button', { name: 'Add canned response' }).click();
    const saved = page.getByRole('form', { name: 'Save Thanks' });
    await saved.waitFor();
    // The card shows once the list has refetched; the add form empties once every settings
    // query has (teams too), which under load can be a moment later.
    await expect.poll(() => add.getByLabel('Name').inputValue()).toBe('');

    await saved.getByLabel('For').selectOption({ label: 'Billing' });
    await saved.getByLabel('Text').fill('Hello {{customer.name}}, thank you!');
    await saved.getByRole('button', { name: 'Save Thanks' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    type Canned = { items: { name: string; body: string; teamId: string | null }[] };
    const [item] = (await api<Canned>('GET', '/canned-responses')).items;
    expect(item).toMatchObject({ name: 'Thanks', body: 'Hello {{customer.name}}, thank you!' });
    expect(item!.teamId).not.toBeNull();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('refuses an unknown variable, saying which', async () => {
    const add = page.getByRole('form', { name: 'Add canned response' });
    await add.getByLabel('Name').fill('Broken');
    await add.getByLabel('Text').fill('Hi {{customer.shoeSize}}');
    await add.getByRole('button', { name: 'Add canned response' }).click();
    await page.getByRole('alert').filter({ hasText: 'customer.shoeSize' }).waitFor();
  });
});
