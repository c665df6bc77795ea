import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage, type OpenPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let writer: OpenPage;
let teammate: OpenPage;
let conversationId: string;

const hostile = '<img src=x onerror=alert(1)>';

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId } = await app.addMention({
    text: 'I was charged twice for my ticket',
    handle: 'charged.twice',
  }));
  [writer, teammate] = await Promise.all([
    openPage(browser, app.baseUrl),
    openPage(browser, app.baseUrl),
  ]);
  await logIn(writer.page, app.owner);
  const agent = app.seeded.users.agent;
  await logIn(teammate.page, { email: agent.email, password: agent.password });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const mentionButton = (page: Page) => page.getByRole('button', { name: /^Mentioned you/ });

describe('a note that mentions a teammate', () => {
  it('offers the workspace’s members after @, picked with the keyboard', async () => {
    const { page } = writer;
    await page.goto(
      `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
    );
    const composer = page.getByRole('form', { name: 'Reply or add a note' });
    await composer.getByLabel('Internal note').check();
    const box = composer.getByLabel('Note for your team');
    await box.pressSequentially('Could @Acme a');
    const list = page.getByRole('listbox', { name: 'Teammates to mention' });
    await list.waitFor();
    const names = await list
      .getByRole('option')
      .evaluateAll((options) => options.map((o) => o.firstChild?.textContent?.trim()));
    expect(names).toEqual(['Acme admin', 'Acme agent']);
    expect(await box.getAttribute('aria-activedescendant')).toBe(
      await list.getByRole('option').first().getAttribute('id'),
    );
    expect(await seriousA11yViolations(page)).toEqual([]);

    await box.press('ArrowDown');
    await expect
      .poll(() => list.getByRole('option', { selected: true }).textContent())
      .toContain('Acme agent');
    await box.press('Enter');
    await list.waitFor({ state: 'detached' });
    await box.pressSequentially(`please check the refund ${hostile}`);
    expect(await box.inputValue()).toBe(`Could @Acme agent please check the refund ${hostile}`);
    await composer.getByRole('button', { name: 'Add note' }).click();

    const note = page.locator('article.message--note').filter({ hasText: 'check the refund' });
    await note.waitFor();
    expect(await note.locator('.note-mention').textContent()).toBe('@Acme agent');
    expect(await note.locator('.message__body').textContent()).toContain(hostile);
    expect(await note.locator('img').count()).toBe(0);
  });

  it('tells the teammate live, and the link opens the note, shown as text', async () => {
    const { page } = teammate;
    // The agent has sat on the inbox since before the note: the count arrives by itself.
    await expect.poll(() => mentionButton(page).textContent()).toBe('Mentioned you 1');
    await mentionButton(page).click();
    const entry = page
      .getByRole('list', { name: 'Notes that mention you' })
      .getByRole('listitem')
      .first();
    expect(await entry.textContent()).toContain('Acme owner mentioned you on charged.twice');
    await entry.getByRole('link').click();
    await page.waitForURL((url) => url.pathname.endsWith(conversationId));
    const note = page.locator('article.message--note').filter({ hasText: 'check the refund' });
    await note.waitFor();
    expect(await note.locator('.message__body').textContent()).toBe(
      `Could @Acme agent please check the refund ${hostile}`,
    );
    // Opening the conversation counts as seeing it.
    await expect.poll(() => mentionButton(page).textContent()).toBe('Mentioned you 0');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(teammate.dialogs).toEqual([]);
    expect(writer.dialogs).toEqual([]);
    expect([...writer.errors, ...teammate.errors]).toEqual([]);
  });
});
