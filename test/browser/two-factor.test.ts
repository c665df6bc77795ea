import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

// Issue 17, point 5: a person enrols an authenticator app on the Account page, signs out, and
// signs in again with their password and a code. Real server, database and Chromium; the code
// is made from the key shown on the page, as an authenticator app makes it.

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('two-factor sign-in', () => {
  it('is set up on the Account page, and then sign-in asks for the code', async () => {
    const { agent } = app.seeded.users;
    const { page, errors } = await openPage(browser, app.baseUrl);
    await logIn(page, agent);
    await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/settings/account`);
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();

    const key = page.getByLabel('Secret key');
    await key.waitFor();
    const secret = await key.inputValue();
    expect(await page.getByLabel('Setup link').inputValue()).toMatch(/^otpauth:\/\/totp\//);
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    await page.getByLabel('Code from the app').fill(totp.generate());
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' });
    await codes.waitFor();
    expect(await codes.getByRole('listitem').count()).toBe(10);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I saved them' }).click();
    await page.getByText('10 of 10 recovery codes left').waitFor();

    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel('Password').fill(agent.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' }).waitFor();
    // The password alone opened nothing.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

    // The enrolment's code is used; the next step's is one step ahead, still accepted.
    const code = page.getByLabel('Code from your authenticator app');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
    await code.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: 'Verify' }).click();
    // Signed in, back on the page it left (the Account settings), now with it on.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByText('10 of 10 recovery codes left').waitFor();
    expect(errors).toEqual([]);
  });
});
