import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../src/pipeline/alerts/alert-raise.ts';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let dialogs: string[];
let errors: string[];
let conversationId: string;
let brandName: string;
const hostileSummary = 'First response missed <img src=x onerror="alert(1)"> for @angry';

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId } = await app.addMention({
    text: 'Still waiting for my refund',
    handle: 'angry',
  }));
  ({ page, dialogs, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  const brands = await pageApi<{ items: { id: string; name: string }[] }>(
    page,
    'GET',
    `/workspaces/${app.workspaceId}/brands`,
  );
  brandName = brands.items.find((brand) => brand.id === app.seeded.brandId)!.name;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const indicator = () => page.getByRole('link', { name: /unacknowledged alert/ });

describe('alerts', () => {
  it('an SLA breach shows in the shell live, without a reload, and is announced politely', async () => {
    await expect.poll(() => indicator().textContent()).toContain('0 unacknowledged alerts');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await raiseAlert(app.running.store.db, {
      workspaceId: app.workspaceId,
      kind: 'sla_breach',
      dedupeKey: `sla:${conversationId}:first_response`,
      conversationId,
      brandId: app.seeded.brandId,
      summary: hostileSummary,
      data: { target: 'first_response' },
      createdAt: new Date(),
    });
    await expect.poll(() => indicator().textContent()).toContain('1 unacknowledged alert');
    expect(navigations).toEqual([]);
    const live = indicator().locator('[aria-live="polite"]');
    expect(await live.textContent()).toBe('1 unacknowledged alert');
  });

  it('lists it on the Alerts page, as text, and acknowledges it', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Alerts' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'SLA breach' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(1, 5)).toEqual(['SLA breach', hostileSummary, brandName, 'Open']);
    // When, in words, with the exact time on hover; headers are never split mid-word.
    expect(cells[0]).toMatch(/ago|now|minute|second/);
    expect(await row.locator('time').getAttribute('title')).toMatch(/\d/);
    for (const header of await page.locator('.alerts-list th').all()) {
      const box = await header.boundingBox();
      const lineHeight = await header.evaluate((th) => parseFloat(getComputedStyle(th).lineHeight));
      expect(box!.height).toBeLessThan(lineHeight * 2 + 20);
    }
    expect(await page.locator('main img').count()).toBe(0);
    expect(await row.getByRole('link', { name: 'Open' }).getAttribute('href')).toContain(
      `/conversations/${conversationId}`,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await expect.poll(() => indicator().textContent()).toContain('0 unacknowledged alerts');
    const stored = await pageApi<{ items: { acknowledgedAt: string | null }[] }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/alerts`,
    );
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]!.acknowledgedAt).not.toBeNull();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
