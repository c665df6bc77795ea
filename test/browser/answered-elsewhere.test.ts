import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let conversationId: string;
const postUrl = 'https://twitter.com/late.flyer/status/1234567890';

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId } = await app.addMention({
    text: 'Imported: my bag never arrived.',
    handle: 'late.flyer',
    network: 'import',
    url: postUrl,
  }));
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  await page.goto(
    `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
  );
  await page.locator('article.message--customer').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('an imported conversation', () => {
  it('says to answer on the network, links the post, and offers notes but no reply', async () => {
    const notice = page.getByRole('region', { name: 'Answer on the network' });
    await notice.getByText('Imported — answer on the network.').waitFor();
    expect(await notice.getByRole('link', { name: 'Open the post' }).getAttribute('href')).toBe(
      postUrl,
    );
    const composer = page.getByRole('form', { name: 'Reply or add a note' });
    await composer.getByLabel('Internal note').waitFor();
    expect(await composer.getByLabel('Public reply').count()).toBe(0);
    expect(await composer.getByLabel('Internal note').isChecked()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('marks it answered elsewhere: the wait stops and the timeline says who did it', async () => {
    const notice = page.getByRole('region', { name: 'Answer on the network' });
    await notice.getByLabel('How it was answered (optional)').fill('Replied on X');
    await notice.getByRole('button', { name: 'Mark as answered elsewhere' }).click();
    await notice.getByText('Answered — nothing waits for a reply.').waitFor();
    await page.getByText('You marked this answered elsewhere: Replied on X').waitFor();
    const stored = await page.evaluate(
      async ([ws, id]) => {
        const response = await fetch(`/api/v1/workspaces/${ws}/conversations/${id}`);
        const body = (await response.json()) as {
          conversation: { needsReply: boolean };
          events: { type: string }[];
        };
        return {
          needsReply: body.conversation.needsReply,
          marked: body.events.some((e) => e.type === 'conversation.answered_elsewhere'),
        };
      },
      [app.workspaceId, conversationId],
    );
    expect(stored).toEqual({ needsReply: false, marked: true });
  });
});
