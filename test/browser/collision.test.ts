import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let agent: Page;
let owner: Page;
let conversationId: string;

const replyBox = (page: Page) => page.getByLabel('Reply text');

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId } = await app.addMention({
    text: 'My order is three weeks late. Anyone?',
    handle: 'waiting.customer',
  }));
  // Two agents, each in a browser context of their own (own cookies, own event stream).
  [{ page: agent }, { page: owner }] = await Promise.all([
    openPage(browser, app.baseUrl),
    openPage(browser, app.baseUrl),
  ]);
  await logIn(agent, app.seeded.users.agent);
  await logIn(owner, app.owner);
  const path = `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`;
  for (const page of [agent, owner]) {
    await page.getByText('Live', { exact: true }).waitFor();
    await page.goto(path);
    await page.locator('article.message--customer').waitFor();
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('collision detection between two agents', () => {
  it('shows each who else is viewing, live', async () => {
    await owner.getByText('Acme agent is viewing this conversation').waitFor();
    await agent.getByText('Acme owner is viewing this conversation').waitFor();
  });

  it('shows who is typing a reply', async () => {
    await replyBox(agent).fill('Sorry for the wait! Your parcel ships today.');
    await replyBox(agent).press('End');
    await owner.getByText('Acme agent is typing a reply…').waitFor();
  });

  it('warns before a second reply goes out, and sends only when told to', async () => {
    // The owner starts writing too; the agent, about to send, is told the owner is typing.
    await replyBox(owner).fill('Hello, let me check this for you.');
    await agent.getByText('Acme owner is typing a reply…').waitFor();
    await agent.getByRole('button', { name: 'Send reply' }).click();
    const warning = agent.getByRole('alert').filter({ hasText: 'Someone else is on this' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Acme owner is typing a reply now');
    expect(await seriousA11yViolations(agent)).toEqual([]);
    await agent.getByRole('button', { name: 'Send anyway' }).click();
    await agent.locator('.thread').getByText('Your parcel ships today.').waitFor();

    // The owner's reply would be the second: the agent's answer arrives live, then the warning.
    await owner.locator('.thread').getByText('Your parcel ships today.').waitFor();
    await owner.getByRole('button', { name: 'Send reply' }).click();
    const second = owner.getByRole('alert').filter({ hasText: 'Someone else is on this' });
    await second.waitFor();
    expect(await second.textContent()).toContain('Acme agent replied since you started writing');
    await owner.getByRole('button', { name: 'Keep editing' }).click();
    expect(
      await owner.evaluate(() => document.activeElement?.hasAttribute('data-composer-text')),
    ).toBe(true);
    expect(await replyBox(owner).inputValue()).toBe('Hello, let me check this for you.');

    const replies = await owner.evaluate(
      async ({ ws, id }) => {
        const response = await fetch(`/api/v1/workspaces/${ws}/conversations/${id}`);
        return ((await response.json()) as { replies: { text: string }[] }).replies.map(
          (r) => r.text,
        );
      },
      { ws: app.workspaceId, id: conversationId },
    );
    expect(replies).toEqual(['Sorry for the wait! Your parcel ships today.']);
  });

  it('forgets an agent who left the conversation', async () => {
    await agent.goto(`/w/${encodeURIComponent(app.workspaceId)}/inbox`);
    await expect
      .poll(() => owner.getByText('Acme agent is viewing this conversation').count(), {
        timeout: 10_000,
      })
      .toBe(0);
  });
});
