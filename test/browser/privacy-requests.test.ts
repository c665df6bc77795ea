import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

// Issue 17, point 9: an owner answers a customer's legal requests from their conversation — a
// download of everything held about them, then their erasure, asked twice and with a reason.
// Real server, database and Chromium.

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const conversationPath = (id: string) =>
  `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(id)}`;

describe("a customer's privacy requests", () => {
  it('exports the customer’s data, then erases it after a reason and a second click', async () => {
    const text = 'My card number ends 4242 and my flight NW212 was cancelled';
    const { conversationId } = await app.addMention({ text, handle: 'leave.me.be' });
    const { page, errors } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);
    await page.goto(conversationPath(conversationId));
    await page.getByText(text).waitFor();
    await page.getByText('Privacy requests').click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export this customer’s data (JSON)' }).click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(JSON.stringify(exported)).toContain(text);
    expect(JSON.stringify(exported)).toContain('leave.me.be');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const form = page.getByRole('form', { name: "Erase this customer's personal data" });
    await form.getByLabel(/Reason/).fill('Email from the customer, 7 December');
    await form.getByRole('button', { name: 'Erase personal data' }).click();
    // Nothing is erased before the second, explicit click.
    await form.getByRole('button', { name: 'Yes, erase for good' }).waitFor();
    await page.getByText(text).waitFor();
    await form.getByRole('button', { name: 'Yes, erase for good' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Erased at the customer’s request: 1 post, 1 conversation/ })
      .waitFor();
    // The thread now shows the tombstone instead of the customer's words and handle.
    await expect.poll(() => page.getByText(text).count()).toBe(0);
    await page
      .getByText(/erased at the customer's request/i)
      .first()
      .waitFor();
    expect(await page.getByText('leave.me.be').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('offers agents neither export nor erasure', async () => {
    const { conversationId } = await app.addMention({
      text: 'Where is my bag?',
      handle: 'bag.owner',
    });
    const { page } = await openPage(browser, app.baseUrl);
    await logIn(page, app.seeded.users.agent);
    await page.goto(conversationPath(conversationId));
    await page.getByText('Where is my bag?').waitFor();
    expect(await page.getByText('Privacy requests').count()).toBe(0);
  });
});
