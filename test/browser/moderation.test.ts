import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { firstMentionId, pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let dialogs: string[];
let errors: string[];
let conversationId: string;
const hostileNote = 'Bot ring <img src=x onerror="alert(1)"> <a href="javascript:alert(2)">see</a>';

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId } = await app.addMention({
    text: 'Cheap followers here!!! <script>alert("spam")</script>',
    handle: 'follower.farm',
  }));
  ({ page, dialogs, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  const mentionId = await firstMentionId(page, app.workspaceId, conversationId);
  await pageApi(page, 'POST', `/workspaces/${app.workspaceId}/mentions/${mentionId}/hide`, {
    reason: 'spam',
    note: hostileNote,
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the moderation log', () => {
  it('lists a hide with who did it and why, the note shown as text', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Moderation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation log' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Hid a mention' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(1, 5)).toEqual(['Hid a mention', 'Spam', hostileNote, 'Acme owner']);
    expect(cells[5]).toBe('In Earshot only');
    expect(await page.locator('main img, main script, main a[href^="javascript:"]').count()).toBe(
      0,
    );
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('links to the conversation the hidden mention is in', async () => {
    const row = page.getByRole('row').filter({ hasText: 'Hid a mention' });
    await row.getByRole('link', { name: 'Open' }).click();
    await page.waitForURL(`**/conversations/${conversationId}`);
  });
});
