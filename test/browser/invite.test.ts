import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

// Issue 17: an admin invites someone who has no account; they open the one-time link in their
// own browser, set their password, and land signed in. Real server, database and Chromium.

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('inviting a teammate', () => {
  it('shows the link once, lists the invitation, and the invitee sets a password and is signed in', async () => {
    const admin = await openPage(browser, app.baseUrl);
    await logIn(admin.page, app.owner);
    await admin.page.goto(`/w/${app.workspaceId}/settings/teams`);
    const form = admin.page.getByRole('form', { name: 'Add a member' });
    await form.getByLabel('Email').fill('nia@example.test');
    await form.getByLabel('Role').selectOption('agent');
    await form.getByRole('button', { name: 'Add member' }).click();

    const linkBox = admin.page.getByLabel('Invitation link for nia@example.test');
    await linkBox.waitFor();
    const link = await linkBox.inputValue();
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/invite#esi_`));
    const pending = admin.page.getByRole('table', { name: 'Pending invitations' });
    await pending.getByRole('cell', { name: 'nia@example.test', exact: true }).waitFor();

    const invitee = await openPage(browser, app.baseUrl);
    await invitee.page.goto(link);
    await invitee.page.getByText('You were invited as').waitFor();
    expect(await seriousA11yViolations(invitee.page)).toEqual([]);
    expect(await invitee.page.getByRole('heading', { level: 1 }).textContent()).toContain('Join');
    await invitee.page.getByLabel('Your name').fill('Nia Okafor');
    await invitee.page.getByLabel(/New password/).fill('short');
    await invitee.page.getByRole('button', { name: 'Set password and sign in' }).click();
    // The browser's own minimum length keeps a short password from being sent.
    expect(invitee.page.url()).toContain('/invite');
    await invitee.page.getByLabel(/New password/).fill('nia-chose-this-password');
    await invitee.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    expect(invitee.page.url()).toContain(`/w/${encodeURIComponent(app.workspaceId)}/inbox`);
    expect(invitee.errors).toEqual([]);

    // The link was for one use.
    const again = await openPage(browser, app.baseUrl);
    await again.page.goto(link);
    await again.page.getByText(/already used, was revoked or has expired/).waitFor();

    // The admin sees a member now, and no pending invitation.
    await admin.page.reload();
    await admin.page.getByRole('cell', { name: 'Nia Okafor', exact: true }).waitFor();
    await admin.page.getByText('No pending invitations.').waitFor();
  });

  it('revokes a pending invitation, and its link stops working', async () => {
    const admin = await openPage(browser, app.baseUrl);
    await logIn(admin.page, app.owner);
    await admin.page.goto(`/w/${app.workspaceId}/settings/teams`);
    const form = admin.page.getByRole('form', { name: 'Add a member' });
    await form.getByLabel('Email').fill('leo@example.test');
    await form.getByRole('button', { name: 'Add member' }).click();
    const link = await admin.page.getByLabel('Invitation link for leo@example.test').inputValue();
    await admin.page
      .getByRole('button', { name: 'Revoke the invitation of leo@example.test' })
      .click();
    await admin.page.getByText('No pending invitations.').waitFor();

    const invitee = await openPage(browser, app.baseUrl);
    await invitee.page.goto(link);
    await invitee.page.getByText(/already used, was revoked or has expired/).waitFor();
  });

  it('offers a reset link from the login page, and answers the same for any email', async () => {
    const { page } = await openPage(browser, app.baseUrl);
    await page.goto('/');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill('nobody@example.test');
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'If nobody@example.test has an account' })
      .waitFor();
  });
});
