import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

// Issue 17, point 8: an owner changes a member's role in Settings, opens the Audit page and finds
// the change there, with who made it and before → after. Real server, database and Chromium.

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const settings = (section: string) =>
  `/w/${encodeURIComponent(app.workspaceId)}/settings/${section}`;

describe('the Audit page in Settings', () => {
  it('lists a role change made in Settings, with who made it and before → after', async () => {
    const owner = await openPage(browser, app.baseUrl);
    await logIn(owner.page, app.owner);
    await owner.page.goto(settings('teams'));
    const role = owner.page.getByLabel('Role of Acme agent');
    const saved = owner.page.waitForResponse((response) => response.url().endsWith('/role'));
    await role.selectOption('viewer');
    expect((await saved).status()).toBe(200);

    await owner.page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    const table = owner.page.getByRole('table', { name: 'Audit log' });
    const row = table.getByRole('row').filter({ hasText: 'member.role_changed' });
    await row.waitFor();
    expect(await row.textContent()).toContain('role: agent → viewer');
    expect(await row.textContent()).toContain(app.owner.email);

    await owner.page.getByLabel('What').selectOption('token');
    await owner.page.getByText('Nothing recorded for these filters.').waitFor();
    const csv = owner.page.getByRole('link', { name: 'Download as CSV' });
    expect(await csv.getAttribute('href')).toContain('format=csv');
    expect(await seriousA11yViolations(owner.page)).toEqual([]);
    expect(owner.errors).toEqual([]);
  });
});
