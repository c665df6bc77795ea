import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seedSentReply } from '../helpers/quality.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let hardReplyId: string;
const hostileReply =
  'As we already told you, you should have checked <img src=x onerror="alert(1)">';

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  const db = app.running.store.db;
  const agentId = app.seeded.users.agent.id;
  await seedSentReply(db, app.seeded, { authorId: agentId, sentAt: new Date() });
  ({ replyId: hardReplyId } = await seedSentReply(db, app.seeded, {
    authorId: agentId,
    sentAt: new Date(),
    sentiment: 'negative',
    csatScore: 1,
    customerText: 'My refund is three weeks late',
    text: hostileReply,
  }));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('coaching and quality review', () => {
  it('a lead makes a scorecard, sees the difficult reply first with its thread, flags and CSAT, and scores it', async () => {
    const { page, dialogs, errors } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Quality' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Quality' }).waitFor();
    await page.getByText('Make a scorecard below to review replies.').first().waitFor();

    const newCard = page.getByRole('form', { name: 'New scorecard' });
    await newCard.getByLabel('Name', { exact: true }).fill('Care basics');
    await newCard.getByLabel('Weight of criterion 1').fill('3');
    await newCard.getByRole('button', { name: 'Make scorecard' }).click();
    await page
      .getByText('Accuracy ×3, Empathy ×1, Tone ×1, Resolution ×1, Brand voice ×1')
      .waitFor();

    const items = page.locator('.quality-queue__item');
    await expect.poll(() => items.count()).toBe(2);
    const hard = items.first();
    expect(await hard.locator('.message__body').textContent()).toBe(hostileReply);
    expect(await hard.getByRole('list', { name: 'Why it is difficult' }).textContent()).toBe(
      'Low CSATTone-flaggedNegative',
    );
    expect(await hard.locator('.quality-queue__facts').textContent()).toContain('1 of 5');
    await hard.getByRole('button', { name: 'Show the thread' }).click();
    const thread = hard.getByRole('list', { name: 'The thread' });
    await thread.getByText('My refund is three weeks late').waitFor();
    expect(await thread.textContent()).toContain('the reply under review');
    expect(await page.locator('main img').count()).toBe(0);

    const form = hard.getByRole('form', { name: 'Review this reply' });
    const save = form.getByRole('button', { name: 'Save review' });
    expect(await save.isDisabled()).toBe(true);
    const given = { Accuracy: '5', Empathy: '1', Tone: '1', Resolution: '3', 'Brand voice': '3' };
    for (const [criterion, point] of Object.entries(given))
      await form
        .getByRole('group', { name: new RegExp(`^${criterion}`) })
        .getByLabel(point)
        .check();
    await form.getByLabel(/Coaching note/).fill('Lead with an apology; never blame the customer.');
    await save.click();
    // (100×3 + 0 + 0 + 50 + 50) / 7 = 57.1.
    await hard.getByRole('status').filter({ hasText: 'Reviewed: 57.1 / 100' }).waitFor();
    await page.getByRole('heading', { name: 'All reviews' }).waitFor();
    await page.locator('.quality-reviews__items li').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('an agent sees their own review and its coaching note, and no queue', async () => {
    const { page, dialogs, errors } = await openPage(browser, app.baseUrl);
    await logIn(page, app.seeded.users.agent);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Quality' })
      .click();
    await page.getByRole('heading', { name: 'Your reviews' }).waitFor();
    const review = page.locator('.quality-reviews__items li').first();
    await review.waitFor();
    expect(await review.textContent()).toContain('57.1 / 100');
    expect(await review.textContent()).toContain('Lead with an apology; never blame the customer.');
    expect(await review.getByRole('list', { name: 'Scores' }).textContent()).toContain(
      'Accuracy: 5 of 5',
    );
    expect(await page.getByRole('heading', { name: 'Review queue' }).count()).toBe(0);
    expect(
      await page.getByRole('link', { name: 'Download the reviews as CSV' }).getAttribute('href'),
    ).toContain('/quality/reviews?format=csv');
    expect(await review.locator('.message__body').textContent()).toBe(hostileReply);
    expect(hardReplyId).toBeTruthy();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reports' })
      .click();
    const trend = page.getByRole('figure', { name: /Quality review score by week/ });
    await trend.getByRole('row', { name: /Agent:/ }).waitFor();
    expect(await trend.getByRole('row', { name: /Agent:/ }).textContent()).toContain('57.1 (1)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
