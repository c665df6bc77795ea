import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

// Issue 17: an admin offboards a teammate from Settings while the teammate has Earshot open in
// their own browser. Their page is signed out at once (the access notice closes their event
// stream) and they cannot sign in again after a deactivation. Real server, database and Chromium.

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const teamsSettings = () => `/w/${encodeURIComponent(app.workspaceId)}/settings/teams`;

describe('offboarding a teammate from Settings', () => {
  it("removes a member, asking twice, and the member's open page is signed out", async () => {
    const { agent } = app.seeded.users;
    const member = await openPage(browser, app.baseUrl);
    await logIn(member.page, agent);

    const admin = await openPage(browser, app.baseUrl);
    await logIn(admin.page, app.owner);
    await admin.page.goto(teamsSettings());
    const members = admin.page.getByRole('table', { name: 'Members and their roles' });
    await members.getByRole('button', { name: 'Remove from workspace: Acme agent' }).click();
    // Nothing happens before the second, explicit click.
    expect(await member.page.getByRole('heading', { level: 1, name: 'Inbox' }).count()).toBe(1);
    await members.getByRole('button', { name: 'Yes, remove Acme agent' }).waitFor();
    expect(await seriousA11yViolations(admin.page)).toEqual([]);
    await members.getByRole('button', { name: 'Yes, remove Acme agent' }).click();
    await members
      .getByRole('cell', { name: 'Acme agent', exact: true })
      .waitFor({ state: 'detached' });

    // Their own browser leaves the workspace without a reload.
    // (It was their only workspace.)
    await member.page
      .getByText('Your account is not a member of any workspace.')
      .waitFor({ timeout: 15_000 });
    expect(await member.page.getByRole('heading', { level: 1, name: 'Inbox' }).count()).toBe(0);
    expect(member.errors).toEqual([]);
  });

  it('deactivates an account: marked so in the list, its page signed out, its sign-in refused', async () => {
    const { viewer } = app.seeded.users;
    const member = await openPage(browser, app.baseUrl);
    await logIn(member.page, viewer);

    const admin = await openPage(browser, app.baseUrl);
    await logIn(admin.page, app.owner);
    await admin.page.goto(teamsSettings());
    const members = admin.page.getByRole('table', { name: 'Members and their roles' });
    await members.getByRole('button', { name: 'Deactivate account: Acme viewer' }).click();
    await members.getByRole('button', { name: 'Yes, deactivate Acme viewer' }).click();
    await members.getByRole('cell', { name: 'Acme viewer (deactivated)' }).waitFor();
    // A deactivated member can still be removed, but not deactivated twice.
    expect(
      await members.getByRole('button', { name: 'Deactivate account: Acme viewer' }).count(),
    ).toBe(0);

    await member.page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 15_000 });
    await member.page.getByLabel('Email').fill(viewer.email);
    await member.page.getByLabel('Password').fill(viewer.password);
    await member.page.getByRole('button', { name: 'Log in' }).click();
    await member.page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    expect(await member.page.getByRole('heading', { level: 1, name: 'Inbox' }).count()).toBe(0);
  });

  it('shows no offboarding buttons on your own row', async () => {
    const admin = await openPage(browser, app.baseUrl);
    await logIn(admin.page, app.owner);
    await admin.page.goto(teamsSettings());
    const members = admin.page.getByRole('table', { name: 'Members and their roles' });
    await members.getByRole('cell', { name: 'Acme admin', exact: true }).waitFor();
    expect(await members.getByRole('button', { name: /: Acme owner$/ }).count()).toBe(0);
    expect(await members.getByRole('button', { name: /: Acme admin$/ }).count()).toBe(2);
  });
});
