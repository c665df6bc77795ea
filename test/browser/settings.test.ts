import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

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

const open = async (section: string, heading: string) => {
  await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/settings/${section}`);
  await page.getByRole('heading', { level: 2, name: heading }).first().waitFor();
};

describe('settings, as an owner', () => {
  it('creates a team, puts an agent in it and changes a role', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
    await page.getByLabel('Team name').fill('Billing');
    await page.getByRole('button', { name: 'Create team' }).click();
    const card = page.locator('.settings-card').filter({ hasText: 'Billing' });
    await card.getByText('Nobody yet.').waitFor();
    await page.getByLabel('Add to Billing').selectOption({ label: 'Acme agent' });
    await card.getByRole('button', { name: 'Add' }).click();
    await card.getByText('Acme agent').waitFor();

    await page.getByLabel('Role of Acme viewer').selectOption('agent');
    await expect
      .poll(() =>
        page.evaluate(async (ws) => {
          const response = await fetch(`/api/v1/workspaces/${ws}/members`);
          const body = (await response.json()) as { items: { name: string; role: string }[] };
          return body.items.find((m) => m.name === 'Acme viewer')?.role;
        }, app.workspaceId),
      )
      .toBe('agent');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('adds a competitor with keywords, hashtags, exclusions and languages, and edits a brand', async () => {
    await open('brands', 'Brands and keywords');
    const add = page.getByRole('form', { name: 'Add a brand' });
    await add.getByLabel('Name', { exact: true }).fill('Rival Co');
    await add.getByLabel('Keywords', { exact: true }).fill('rival, rivalco');
    await add.getByLabel('Hashtags', { exact: true }).fill('#rival');
    await add.getByLabel('Exclusions', { exact: true }).fill('rival sons');
    await add.getByLabel('Languages', { exact: true }).fill('EN, fr');
    await add.getByLabel('A competitor').check();
    await add.getByRole('button', { name: 'Add brand' }).click();
    const rival = page.locator('.settings-card').filter({ hasText: 'Rival Co' });
    await rival.getByText('Competitor').waitFor();
    expect(await rival.getByLabel('Keywords', { exact: true }).inputValue()).toBe('rival, rivalco');
    // Stored as the API keeps them (language codes in lower case), and shown so after a reload.
    await page.reload();
    await rival.getByText('Competitor').waitFor();
    expect(await rival.getByLabel('Hashtags', { exact: true }).inputValue()).toBe('#rival');
    expect(await rival.getByLabel('Exclusions', { exact: true }).inputValue()).toBe('rival sons');
    expect(await rival.getByLabel('Languages', { exact: true }).inputValue()).toBe('en, fr');
    await rival.getByLabel('Languages', { exact: true }).fill('english');
    await rival.getByRole('button', { name: 'Save Rival Co' }).click();
    await rival.getByRole('alert').filter({ hasText: 'two-letter' }).waitFor();

    const acme = page.locator('.settings-card').filter({ hasText: 'Acme Brand' });
    await acme.getByLabel('Keywords', { exact: true }).fill('acme, acme shop');
    await acme.getByRole('button', { name: 'Save Acme Brand' }).click();
    await acme.getByText('Saved.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('connects a channel, tests, pauses, resumes and removes it, showing its health', async () => {
    await open('channels', 'Channels');
    await page.getByLabel('Network').selectOption('webhook');
    await page.getByLabel('Account name').fill('Contact form');
    await page
      .getByLabel('Credentials (JSON)')
      .fill('{ "name": "Contact form", "secret": "a-secret-of-at-least-32-characters!!" }');
    await page.getByRole('button', { name: 'Connect' }).click();
    const card = page.locator('.channel-card').filter({ hasText: 'Contact form' });
    await card.waitFor();
    expect(await card.locator('.channel-health').textContent()).toContain('Last event');
    // The card shows where to deliver and how to sign: the copied example, run as it is with
    // the secret, stores a mention.
    const url = await card.getByLabel('Delivery URL of Contact form').textContent();
    expect(url).toMatch(new RegExp(`^${app.baseUrl}/hooks/[0-9a-f-]{36}$`));
    await card.getByText('How to sign a delivery').click();
    const example = (await card.locator('.channel-delivery__example').textContent()) ?? '';
    const receipt = await promisify(execFile)('bash', ['-c', example], {
      env: { ...process.env, SECRET: 'a-secret-of-at-least-32-characters!!' },
    });
    expect(JSON.parse(receipt.stdout)).toMatchObject({ stored: 1, duplicates: 0, rejected: 0 });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Test Contact form' }).click();
    await page.getByRole('status').filter({ hasText: 'accepted the credentials' }).waitFor();
    await card.getByRole('button', { name: 'Pause Contact form' }).click();
    await card.getByText('Paused').waitFor();
    await card.getByRole('button', { name: 'Resume Contact form' }).click();
    await card.getByText('Listening').waitFor();
    await card.getByRole('button', { name: 'Remove Contact form' }).click();
    await card.getByRole('button', { name: 'Yes, remove Contact form' }).click();
    await card.waitFor({ state: 'detached' });
  });

  it('refuses credentials that are not JSON, saying why', async () => {
    await page.getByLabel('Account name').fill('Broken');
    await page.getByLabel('Credentials (JSON)').fill('secret=hunter2');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('alert').filter({ hasText: 'must be a JSON object' }).waitFor();
  });

  it('creates an API token that works once shown, then revokes it', async () => {
    await open('tokens', 'API tokens');
    await page.getByLabel('Token name').fill('Nightly export');
    await page.getByLabel('Scope').selectOption('read');
    await page.getByLabel('Expires after').selectOption({ label: '30 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.locator('.token-secret__value').textContent();
    expect(secret?.length).toBeGreaterThan(20);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const status = (token: string) =>
      fetch(`${app.baseUrl}/api/v1/session`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((response) => response.status);
    expect(await status(secret!)).toBe(200);
    // A read-only token reads but cannot answer or change anything.
    const write = await fetch(`${app.baseUrl}/api/v1/workspaces/${app.workspaceId}/teams`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Not allowed' }),
    });
    expect(write.status).toBe(403);
    const mine = page.getByRole('table', { name: 'Your API tokens' });
    await mine.getByRole('cell', { name: 'Read only' }).waitFor();
    // The owner also sees it among every member's tokens.
    const everyone = page.getByRole('table', { name: "Every member's API tokens" });
    await everyone.getByRole('cell', { name: 'Nightly export', exact: true }).waitFor();

    await mine.getByRole('button', { name: 'Revoke Nightly export' }).click();
    await mine.getByRole('cell', { name: 'No tokens yet.' }).waitFor();
    await everyone.getByRole('cell', { name: 'No tokens yet.' }).waitFor();
    expect(await status(secret!)).toBe(401);
  });
});
