import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

type Detail = { conversation: { tags: string[] } };

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let errors: string[];
let conversationId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId } = await app.addMention({
    text: 'My parcel never arrived and nobody answers the phone.',
    handle: 'waiting.parcel',
  }));
  ({ page, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  await pageApi(page, 'POST', `/workspaces/${app.workspaceId}/tags`, { name: 'shipping' });
  await page.goto(
    `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
  );
  await page.locator('article.message--customer').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const tagsOnServer = async () =>
  (
    await pageApi<Detail>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/conversations/${conversationId}`,
    )
  ).conversation.tags;

describe('tags on a conversation', () => {
  it('offers the managed tags, adds one on Enter and removes it with its button', async () => {
    const editor = page.getByRole('region', { name: 'Tags' });
    const input = editor.getByRole('combobox', { name: 'Add a tag' });
    await expect
      .poll(() =>
        editor
          .locator('datalist option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      )
      .toEqual(['shipping']);

    await input.fill('shipping');
    await input.press('Enter');
    const current = editor.getByRole('list', { name: 'Current tags' });
    await current.getByRole('listitem').filter({ hasText: 'shipping' }).waitFor();
    await expect.poll(() => input.inputValue()).toBe('');
    expect(await tagsOnServer()).toEqual(['shipping']);
    // A tag on the conversation is no longer offered.
    await expect.poll(() => editor.locator('datalist option').count()).toBe(0);

    expect(await seriousA11yViolations(page)).toEqual([]);

    await editor.getByRole('button', { name: 'Remove tag shipping' }).click();
    await editor.getByText('No tags yet.').waitFor();
    expect(await tagsOnServer()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
