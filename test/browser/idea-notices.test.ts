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
let mayaConversation: string;
let ideaId: string;
const hostilePost = 'Seat maps please <img src=x onerror="alert(1)">';

const ideas = (path = '') => `/workspaces/${app.workspaceId}/ideas${path}`;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ page, dialogs, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  const maya = await app.addMention({ text: hostilePost, handle: 'maya.test' });
  mayaConversation = maya.conversationId;
  const imported = await app.addMention({
    text: 'Seat maps would help',
    handle: 'old.review',
    network: 'import',
  });
  const mentionIds = [
    await firstMentionId(page, app.workspaceId, maya.conversationId),
    await firstMentionId(page, app.workspaceId, imported.conversationId),
  ];
  ({ id: ideaId } = await pageApi<{ id: string }>(page, 'POST', ideas(), {
    title: 'Seat maps',
    mentionIds,
  }));
  for (const status of ['under_review', 'planned'])
    await pageApi(page, 'POST', ideas(`/${ideaId}/status`), { status });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ideas' }).click();
  await page
    .getByRole('article', { name: 'Seat maps' })
    .getByRole('link', { name: /Tell customers/ })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Seat maps' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("an idea's page: telling customers what became of it", () => {
  it('shows each customer with a drafted reply, and who cannot be told and why', async () => {
    const form = page.getByRole('form', { name: 'Tell customers it is planned' });
    const draft = form.getByLabel('Reply to maya.test');
    expect(await draft.inputValue()).toBe(
      'Hi maya.test, good news: "Seat maps", which you suggested, is now planned. Thank you!',
    );
    await form.getByText(hostilePost, { exact: true }).waitFor();
    await form.getByText('Cannot be told: the network takes no reply from Earshot here.').waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sends the reviewed reply through the outbox and lists who was told and who was not', async () => {
    const form = page.getByRole('form', { name: 'Tell customers it is planned' });
    await form.getByLabel('Reply to maya.test').fill('Hi Maya, seat maps are planned for spring!');
    await form.getByRole('button', { name: 'Send 1 reply' }).click();
    await page.getByRole('status').getByText('1 customer told, 1 could not be.').waitFor();
    const history = page.getByRole('table');
    const rows = history.getByRole('row');
    await rows.nth(2).waitFor();
    expect(await rows.nth(1).textContent()).toMatch(/^maya\.testPlanned(Queued to send|Sent)/);
    // The outbox sends it to the (simulated) network, and the page follows live.
    await rows.nth(1).getByText('Sent', { exact: true }).waitFor();
    expect(await rows.nth(2).textContent()).toContain(
      'Not told: the network takes no reply from Earshot here',
    );
    await page.getByText('Everyone who asked for this idea has been told it is planned.').waitFor();
    const replies = await pageApi<{ replies: Array<{ text: string }> }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/conversations/${mayaConversation}`,
    );
    expect(replies.replies.map((r) => r.text)).toEqual([
      'Hi Maya, seat maps are planned for spring!',
    ]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
