import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;

const api = <T>(method: string, path: string, body?: unknown) =>
  pageApi<T>(page, method, `/workspaces/${app.workspaceId}${path}`, body);
const open = async (section: string, heading: string) => {
  await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/settings/${section}`);
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
};

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('tags in settings', () => {
  it('adds a tag, renames it, and the conversation carries the new name', async () => {
    const { conversationId } = await app.addMention({ text: 'Lost my bag' });
    await api('POST', `/conversations/${conversationId}/tags`, { tag: 'baggage' });
    await open('tags', 'Tags');
    await page.getByText('In use but not listed: baggage (1 conversation)').waitFor();
    const add = page.getByRole('form', { name: 'Add tag' });
    await add.getByLabel('Name').fill('baggage');
    await add.getByRole('button', { name: 'Add tag' }).click();
    const card = page.getByRole('form', { name: 'Save baggage' });
    await card.waitFor();
    await page.getByText('On 1 conversation').waitFor();

    await card.getByLabel('Name').fill('lost luggage');
    await card.getByRole('button', { name: 'Save baggage' }).click();
    await page.getByRole('heading', { level: 3, name: 'lost luggage' }).waitFor();
    type Detail = { conversation: { tags: string[] } };
    const detail = await api<Detail>('GET', `/conversations/${conversationId}`);
    expect(detail.conversation.tags).toEqual(['lost luggage']);
    await page.goto(
      `/w/${encodeURIComponent(app.workspaceId)}?tag=${encodeURIComponent('lost luggage')}`,
    );
    await page.getByText('Lost my bag').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
