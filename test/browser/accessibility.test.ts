import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
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

describe('accessibility (axe-core, serious and critical rules)', () => {
  it('the login page, also while it shows an error', async () => {
    const { page } = await openPage(browser, app.baseUrl);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Log in to Earshot' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Email').fill(app.owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /do not match/ })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the inbox and a conversation', async () => {
    const { conversationId } = await app.addMention({
      text: 'My order arrived broken and support has not answered in three days.',
      handle: 'unhappy.customer',
    });
    await app.addMention({ text: 'Love the new app update!', handle: 'fan' });
    const { page } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);
    await page.locator('.inbox-row').nth(1).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(
      `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
    );
    await page.getByRole('button', { name: 'Send reply' }).waitFor();
    await page.locator('article.message--customer').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // With everything the page can show: a history line and the tone check's advice.
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.locator('.thread-event').first().waitFor();
    await page.getByLabel('Reply text').fill('Good luck with that.');
    await page.getByRole('heading', { name: 'Tone check' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('every inbox view and the filters, set', async () => {
    await app.addMention({ text: 'Where is my parcel?', handle: 'parcel.person' });
    const { page } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);
    const ws = encodeURIComponent(app.workspaceId);
    await page.goto(`/w/${ws}/inbox?view=sla_at_risk&sentiment=negative&minPriority=50&tag=vip`);
    await page.getByText('No conversation matches this search.').waitFor();
    await page
      .getByRole('list', { name: 'Active filters' })
      .getByText('Tag: vip', { exact: true })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The full filter form, opened from the bar.
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Sentiment').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`/w/${ws}/inbox?view=unassigned`);
    await page.locator('.inbox-row').first().waitFor();
    await page.keyboard.press('j');
    await page.locator('.inbox-row--selected').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('three panes on a wide screen, and a conversation on a phone', async () => {
    const { conversationId } = await app.addMention({
      text: 'The zip on my new bag broke on day one.',
      handle: 'broken.zip',
    });
    const { page } = await openPage(browser, app.baseUrl);
    await page.setViewportSize({ width: 1440, height: 900 });
    await logIn(page, app.owner);
    await page.locator('.inbox-row').first().waitFor();
    await page.locator('.panes__main--empty').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('.inbox-row a').filter({ hasText: 'broken.zip' }).click();
    await page.getByRole('region', { name: 'About this conversation' }).waitFor();
    await page.getByRole('button', { name: 'Send reply' }).waitFor();
    await page.locator('article.message--customer').waitFor();
    expect(await page.locator('.inbox-row').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(
      `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
    );
    await page.getByRole('button', { name: 'Send reply' }).waitFor();
    await page.locator('article.message--customer').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const overflows = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflows).toBe(false);
  });

  it('the keyboard shortcuts dialog', async () => {
    const { page } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('every settings page', async () => {
    const { page } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);
    for (const [section, heading] of [
      ['teams', 'Members'],
      ['brands', 'Brands and keywords'],
      ['channels', 'Channels'],
      ['tokens', 'API tokens'],
      ['account', 'Password'],
    ] as const) {
      await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/settings/${section}`);
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousA11yViolations(page), section).toEqual([]);
    }
  });

  it('the campaigns list with its form, and a campaign with a draw and its messages', async () => {
    const post = 'at://did:plc:a11ybrand/app.bsky.feed.post/contest';
    await app.addMention({
      text: 'Share me!',
      handle: 'a11y.brand',
      externalId: post,
      fromBrand: true,
    });
    await app.addMention({
      text: 'Shared <b>it</b>',
      handle: 'sharer',
      parentExternalId: post,
      rootExternalId: post,
    });
    const { page } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);
    const campaigns = `/workspaces/${app.workspaceId}/campaigns`;
    const { id } = await pageApi<{ id: string }>(page, 'POST', campaigns, {
      name: 'Accessible contest',
      brandId: app.seeded.brandId,
      posts: [{ network: 'bluesky', externalId: post }],
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      budgetCents: 1000,
    });
    await pageApi(page, 'POST', `${campaigns}/${id}/draws`, { method: 'random', winners: 1 });
    const ws = encodeURIComponent(app.workspaceId);
    await page.goto(`/w/${ws}/campaigns`);
    await page.getByRole('link', { name: 'Accessible contest' }).waitFor();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByText('Give the campaign a name.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Accessible contest' }).click();
    await page.getByLabel('Message to @sharer').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the shell on a phone-sized screen', async () => {
    const { page } = await openPage(browser, app.baseUrl);
    await page.setViewportSize({ width: 375, height: 740 });
    await logIn(page, app.owner);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const overflows = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflows).toBe(false);
  });
});

describe('keyboard', () => {
  it('skips to the content, opens the account menu and logs out without a mouse', async () => {
    const { page } = await openPage(browser, app.baseUrl);
    await logIn(page, app.owner);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await page.getByRole('button', { name: /account menu/ }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe(
      'false',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Log in to Earshot' }).waitFor();
  });
});
