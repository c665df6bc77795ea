import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';
import { hostilePayloads, injectableSelector } from './hostile-payloads.ts';
import { logIn, openPage, type OpenPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let session: OpenPage;
const conversationIds = new Map<string, string>();
const hostileHandle = `<img src=x onerror="alert('handle')">\u202Eevil.example`;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  for (const [index, payload] of hostilePayloads.entries()) {
    const { conversationId } = await app.addMention({
      text: payload.text,
      handle: `hostile${index}`,
    });
    conversationIds.set(payload.name, conversationId);
  }
  const handleMention = await app.addMention({ text: 'hello', handle: hostileHandle });
  conversationIds.set('handle', handleMention.conversationId);
  session = await openPage(browser, app.baseUrl);
  await logIn(session.page, app.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** What would show that customer text ran or became markup, collected from the page. */
function inspect(page: Page) {
  return page.evaluate((selector) => {
    const root = document.getElementById('root');
    const hrefs = [...(root?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? '');
    return {
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      injected: [...(root?.querySelectorAll(selector) ?? [])].map((el) =>
        el.outerHTML.slice(0, 80),
      ),
      unsafeLinks: hrefs.filter((href) => !/^(\/|#|https?:\/\/)/.test(href)),
      overflowsSideways:
        document.documentElement.scrollWidth > document.documentElement.clientWidth,
      baseUri: document.baseURI,
    };
  }, injectableSelector);
}

describe('hostile mention text', () => {
  it('shows every payload in the inbox without running or injecting anything', async () => {
    const { page, dialogs, errors } = session;
    await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/inbox`);
    await page
      .locator('.inbox-row')
      .nth(hostilePayloads.length - 1)
      .waitFor();

    const found = await inspect(page);
    expect(found.pwned).toBeNull();
    expect(found.injected).toEqual([]);
    expect(found.unsafeLinks).toEqual([]);
    expect(found.overflowsSideways).toBe(false);
    expect(found.baseUri.startsWith(app.baseUrl)).toBe(true);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  for (const payload of hostilePayloads) {
    it(`renders "${payload.name}" as the exact text the customer wrote`, async () => {
      const { page, dialogs, errors } = session;
      const id = conversationIds.get(payload.name) ?? '';
      await page.goto(
        `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(id)}`,
      );
      const body = page.locator('article.message--customer .message__body');
      await body.waitFor();
      const unfold = page.getByRole('button', { name: /Show the whole message/ });
      if (payload.text.length > 4_000) await unfold.click();
      else expect(await unfold.count()).toBe(0);

      const shown = await body.evaluate((el) => ({
        text: el.textContent,
        children: el.childElementCount,
        bidi: getComputedStyle(el).unicodeBidi,
        wrap: getComputedStyle(el).overflowWrap,
      }));
      expect(shown.text).toBe(payload.text);
      expect(shown.children).toBe(0);
      expect(shown.bidi).toBe('isolate');
      expect(shown.wrap).toBe('anywhere');

      const found = await inspect(page);
      expect(found.pwned).toBeNull();
      expect(found.injected).toEqual([]);
      expect(found.unsafeLinks).toEqual([]);
      expect(found.overflowsSideways).toBe(false);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

describe('a hostile author handle', () => {
  it('is shown as isolated text in the conversation header and the thread', async () => {
    const { page, dialogs } = session;
    const id = conversationIds.get('handle') ?? '';
    await page.goto(
      `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(id)}`,
    );
    await page.locator('article.message--customer').waitFor();
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('h1 bdi, article.message--customer .message__author bdi')].map(
        (el) => ({ text: el.textContent, bidi: getComputedStyle(el).unicodeBidi }),
      ),
    );
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const { text, bidi } of shown) {
      expect(text).toContain(hostileHandle);
      expect(bidi).toBe('isolate');
    }
    expect((await inspect(page)).injected).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
