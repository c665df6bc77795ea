import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { firstMentionId, pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

type Idea = { id: string; title: string; status: string; votes: number; votedByMe: boolean };

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let dialogs: string[];
let errors: string[];
const hostileTitle = 'Dark mode <img src=x onerror="alert(1)">';
const hostileMention =
  'Dark mode please! <svg onload="alert(3)"></svg> <a href="javascript:alert(4)">eyes</a> \u202Egnp.exe';
const hostileDescription = 'They wrote: <script>alert("idea")</script> please!';

const ideas = (path = '') => `/workspaces/${app.workspaceId}/ideas${path}`;
const serverIdea = async (title: string) =>
  (await pageApi<{ items: Idea[] }>(page, 'GET', ideas())).items.find((i) => i.title === title);

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  const { conversationId } = await app.addMention({
    text: hostileMention,
    handle: 'night.owl',
  });
  ({ page, dialogs, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  const mentionId = await firstMentionId(page, app.workspaceId, conversationId);
  const { conversationId: another } = await app.addMention({
    text: 'A night theme for the app, please',
    handle: 'late.reader',
  });
  const otherMentionId = await firstMentionId(page, app.workspaceId, another);
  // Promoted through the API: the page under test is the board (the conversation page's
  // promote button is covered by conversation-actions.test.ts). Each idea from its own post:
  // promoting a post an idea already holds gives that idea back.
  for (const [title, id] of [
    [hostileTitle, mentionId],
    ['Night theme', otherMentionId],
  ] as const) {
    await pageApi(page, 'POST', ideas(), {
      title,
      description: title === hostileTitle ? hostileDescription : '',
      mentionIds: [id],
    });
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ideas' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ideas' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const card = (name: string | RegExp) => page.getByRole('article', { name });

describe('the ideas board', () => {
  it('lists a promoted idea with its mention, its text shown as text', async () => {
    const idea = card(/^Dark mode/);
    expect(await idea.getByRole('heading', { level: 2 }).textContent()).toBe(hostileTitle);
    await idea.getByText(hostileDescription, { exact: true }).waitFor();
    expect(await idea.textContent()).toContain('0 votes · 1 mention');
    expect(await idea.locator('.badge').textContent()).toBe('New');
    await idea.getByRole('button', { name: 'Show 1 mention' }).click();
    const mention = idea.locator('.idea-mention');
    expect(await mention.locator('.idea-mention__text').textContent()).toBe(hostileMention);
    expect(await mention.textContent()).toContain('night.owl');
    expect(await mention.getByRole('link').getAttribute('href')).toMatch(/\/conversations\//);
    expect(
      await page.locator('main img, main script, main svg, main a[href^="javascript:"]').count(),
    ).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('takes a vote, and takes it back', async () => {
    const idea = card(/^Dark mode/);
    const vote = idea.getByRole('button', { name: /for this idea/ });
    await vote.click();
    await idea.getByText('1 vote ·').waitFor();
    expect(await vote.getAttribute('aria-pressed')).toBe('true');
    expect(await serverIdea(hostileTitle)).toMatchObject({ votes: 1, votedByMe: true });

    await vote.click();
    await idea.getByText('0 votes ·').waitFor();
    expect(await serverIdea(hostileTitle)).toMatchObject({ votes: 0, votedByMe: false });
    await vote.click();
    await idea.getByText('1 vote ·').waitFor();
  });

  it('moves the idea under review, then to planned', async () => {
    const idea = card(/^Dark mode/);
    const moveTo = idea.getByLabel('Move to');
    expect(await moveTo.locator('option').allTextContents()).toEqual(['Under review', 'Declined']);
    await moveTo.selectOption('under_review');
    await idea.getByRole('button', { name: 'Move' }).click();
    await idea.locator('.badge', { hasText: 'Under review' }).waitFor();

    await idea.getByLabel('Move to').selectOption('planned');
    await idea.getByRole('button', { name: 'Move' }).click();
    await idea.locator('.badge', { hasText: 'Planned' }).waitFor();
    expect(await serverIdea(hostileTitle)).toMatchObject({ status: 'planned', votes: 1 });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('declines only with a reason, and merges a duplicate', async () => {
    const night = card('Night theme');
    await night.getByLabel('Move to').selectOption('declined');
    const reason = night.getByLabel('Why it is declined');
    expect(await reason.getAttribute('required')).not.toBeNull();
    await night.getByRole('button', { name: 'Move' }).click();
    // The browser keeps an empty reason from being sent.
    expect(await serverIdea('Night theme')).toMatchObject({ status: 'new' });
    await reason.fill('Same as dark mode');
    await night.getByRole('button', { name: 'Move' }).click();
    await night.getByText('Declined because: Same as dark mode').waitFor();

    await night.getByLabel('Merge into').selectOption({ label: hostileTitle });
    await night.getByRole('button', { name: 'Merge' }).click();
    await night.waitFor({ state: 'detached' });
    expect(await serverIdea('Night theme')).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
