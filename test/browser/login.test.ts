import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('logging in', () => {
  it('says so when the password is wrong, and stays on the login page', async () => {
    const { page } = await openPage(browser, app.baseUrl);
    await page.goto('/');
    await page.getByLabel('Email').fill(app.owner.email);
    await page.getByLabel('Password').fill(`${app.owner.password}-wrong`);
    await page.getByRole('button', { name: 'Log in' }).click();

    const alert = page.getByRole('alert').filter({ hasText: /do not match/ });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('email and password do not match');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  });

  it('shows the app shell with the right password, keeps the session on reload, and logs out', async () => {
    const { page, errors } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Inbox',
      'Ideas',
      'Campaigns',
      'Moderation',
      'Alerts',
      'Approvals',
      'Quality',
      'Reports',
      'Settings',
    ]);
    expect(await nav.getByRole('link', { name: 'Inbox' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(page.url()).toContain(`/w/${encodeURIComponent(app.workspaceId)}/inbox`);

    await nav.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();

    const menuButton = page.getByRole('button', { name: /account menu/ });
    await menuButton.click();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to Earshot' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Log in to Earshot' }).waitFor();
    expect(errors).toEqual([]);
  });
});
