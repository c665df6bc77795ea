import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { startTestApp } from '../helpers/app.ts';
import { makeMention } from '../helpers/seed.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { firstMentionId, pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

type Triage = {
  model: { sentiment: string | null };
  shown: { sentiment: string | null; socialIntent: string | null };
};

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let errors: string[];
let conversationId: string;
let mentionId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ conversationId } = await app.addMention({
    text: 'Would love a dark mode in the app, my eyes hurt at night.',
    handle: 'night.reader',
  }));
  ({ page, errors } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  mentionId = await firstMentionId(page, app.workspaceId, conversationId);
  await pageApi(page, 'POST', `/workspaces/${app.workspaceId}/canned-responses`, {
    name: 'Thanks',
    body: 'Hi {{customer.name}}, thanks for writing to {{brand.name}}!',
    teamId: null,
  });
  await page.goto(
    `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(conversationId)}`,
  );
  await page.locator('article.message--customer').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('actions on a conversation', () => {
  it('replies with a canned response rendered for this customer, then resolves', async () => {
    const composer = page.getByRole('form', { name: 'Reply or add a note' });
    await composer.getByLabel('Canned response').selectOption({ label: 'Thanks' });
    await composer.getByRole('button', { name: 'Insert' }).click();
    const box = composer.getByLabel('Reply text');
    await expect.poll(() => box.inputValue()).toMatch(/^Hi .*night\.reader.*, thanks for writing/);
    const text = await box.inputValue();
    expect(text).not.toContain('{{');
    expect(await composer.locator('.canned-picker [role="status"]').textContent()).toMatch(
      /^Inserted \(\d+ of \d+ characters\)\.$/,
    );
    expect(await composer.locator('.char-count').textContent()).toMatch(/^\d+ \/ \d+ characters$/);
    await composer.getByRole('button', { name: 'Send reply' }).click();
    const reply = page.locator('article.message--reply').filter({ hasText: text });
    await reply.waitFor();
    expect(await reply.locator('.badge--delivery').textContent()).toMatch(/^(Sending…|Sent)$/);
    await expect.poll(() => box.inputValue()).toBe('');

    const here = page.url();
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.waitForURL((url) => url.href !== here);
    await page.goBack();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
  });

  it('corrects a sentiment and what the author is doing, showing each beside the model label', async () => {
    const tools = page.locator('.mention-tools').first();
    await tools.getByRole('button', { name: 'Correct triage' }).click();
    const form = tools.getByRole('form', { name: 'Correct triage' });
    await form.getByLabel('Sentiment').selectOption('positive');
    await form.getByLabel('Author is').selectOption('praise');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await tools.getByText('Triage corrected.').waitFor();
    const label = tools.locator('[data-field="sentiment"]');
    expect(await label.locator('.triage-label__corrected').textContent()).toBe('positive');
    expect(await label.textContent()).toContain('model said');
    const triage = await pageApi<Triage>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/mentions/${mentionId}/triage`,
    );
    expect(triage.shown.sentiment).toBe('positive');
    const author = tools.locator('[data-field="author-is"]');
    expect(await author.locator('.triage-label__corrected').textContent()).toBe('praise');
    expect(triage.shown.socialIntent).toBe('praise');
  });

  it('sets a follow-up reminder and shows it beside the SLA state', async () => {
    const form = page.getByRole('form', { name: 'Follow-up reminder' });
    expect(await form.locator('.follow-up__sla').textContent()).toMatch(/^(No SLA policy|SLA )/);
    await form.getByLabel('Follow up on').fill('2031-05-04T09:30');
    await form.getByRole('button', { name: 'Set follow-up' }).click();
    await form.getByText(/^Follow-up set for/).waitFor();
    const sla = await pageApi<{ followUpAt: string | null }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/conversations/${conversationId}/sla`,
    );
    expect(sla.followUpAt).toBe(new Date(2031, 4, 4, 9, 30).toISOString());
  });

  it('promotes a mention to an idea that shows on the Ideas board, and stars praise', async () => {
    const tools = page.locator('.mention-tools').first();
    await tools.getByRole('button', { name: 'Promote to idea' }).click();
    await tools.getByText(/^Promoted to an idea: “Would love a dark mode/).waitFor();
    await tools.getByRole('button', { name: 'Star as praise' }).click();
    await tools.getByText('Starred as praise.').waitFor();
    const praise = await pageApi<{ items: { mention: { id: string } }[] }>(
      page,
      'GET',
      `/workspaces/${app.workspaceId}/praise`,
    );
    expect(praise.items.map((p) => p.mention.id)).toContain(mentionId);

    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Ideas' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Ideas' }).waitFor();
    await page.getByRole('article', { name: /^Would love a dark mode/ }).waitFor();
  });

  it('says in the header why a new conversation was routed where it is', async () => {
    const ws = `/workspaces/${app.workspaceId}`;
    const team = await pageApi<{ id: string }>(page, 'POST', `${ws}/teams`, { name: 'Billing' });
    await pageApi(page, 'POST', `${ws}/routing/rules`, {
      name: 'Refunds',
      enabled: true,
      when: [{ field: 'keywords', any: ['refund'] }],
      then: { teamId: team.id },
    });
    const mention = makeMention({ text: 'I want a refund for the broken kettle.' });
    const { seeded } = app;
    await ingestMentions(
      app.running.store.db,
      { workspaceId: seeded.workspaceId, brandId: seeded.brandId, mentions: [mention] },
      new Date(),
    );
    const list = await pageApi<{ items: { id: string; preview: string }[] }>(
      page,
      'GET',
      `${ws}/conversations?view=all`,
    );
    const routed = list.items.find((c) => c.preview.includes('broken kettle'))!;
    await page.goto(
      `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(routed.id)}`,
    );
    const reason = page.locator('.conversation__routing');
    await reason.waitFor();
    expect(await reason.textContent()).toBe("Routed to Billing by rule 'Refunds'");
  });
});
