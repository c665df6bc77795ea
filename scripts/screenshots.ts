/**
 * `npm run screenshots`: starts Earshot on a fresh database with a few sample mentions and
 * saves PNGs of the main pages into docs/screenshots/, for the README and for reviewing
 * visual changes. Uses the same Chromium as the browser tests (test/browser/chromium.ts).
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/browser/chromium.ts';
import { logIn } from '../test/browser/session.ts';

type SampleApp = {
  baseUrl: string;
  owner: { email: string; password: string };
  workspaceId: string;
  addMention(input: { text: string; handle?: string; network?: string }): Promise<{
    conversationId: string;
  }>;
};

const samples = [
  {
    network: 'bluesky',
    handle: 'maya.bsky.social',
    text: 'Flight AA123 cancelled and nobody at the gate can tell me when I get rebooked. Two hours in line already.',
  },
  {
    network: 'mastodon',
    handle: 'jo@mastodon.social',
    text: 'Lost my bag again. Third time this year.',
  },
  {
    network: 'x',
    handle: 'happyflyer',
    text: 'Shout-out to the crew on flight 88: best service I have had in years!',
  },
  {
    network: 'facebook',
    handle: 'sam.rivera',
    text: 'Is there wifi on the new A321s? I need to work during my flight tomorrow.',
  },
  {
    network: 'google_reviews',
    handle: 'priya',
    text: 'Refund still not processed after 6 weeks. Case 88213.',
  },
];

const pages = [
  { name: 'inbox', width: 1280, height: 800 },
  { name: 'inbox-mobile', width: 390, height: 844 },
] as const;

/**
 * Saves login, inbox, inbox-mobile, conversation, reports, ideas and settings-routing PNGs into
 * `outDir`.
 */
export async function captureScreenshots(
  app: SampleApp,
  browser: Browser,
  outDir: string,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const ids: string[] = [];
  for (const sample of samples) ids.push((await app.addMention(sample)).conversationId);
  const saved: string[] = [];
  const shoot = async (page: Page, name: string) => {
    const path = `${outDir}/${name}.png`;
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path });
    saved.push(path);
  };

  const context = await browser.newContext({
    baseURL: app.baseUrl,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('heading', { name: 'Log in to Earshot' }).waitFor();
  await shoot(page, 'login');
  await logIn(page, app.owner);
  for (const { name, width, height } of pages) {
    await page.setViewportSize({ width, height });
    await page
      .locator('.inbox-row')
      .nth(samples.length - 1)
      .waitFor();
    await shoot(page, name);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(
    `/w/${encodeURIComponent(app.workspaceId)}/conversations/${encodeURIComponent(ids[0] ?? '')}`,
  );
  await page.locator('article.message--customer').waitFor();
  await page
    .getByLabel('Reply text')
    .fill('So sorry, Maya. We have rebooked you on AA125 at 18:40; details are in your DMs.');
  await shoot(page, 'conversation');
  // The other main pages, each once its heading is up and its data has loaded.
  const ws = `/w/${encodeURIComponent(app.workspaceId)}`;
  for (const [name, path, heading] of [
    ['reports', `${ws}/reports`, 'Reports'],
    ['ideas', `${ws}/ideas`, 'Ideas'],
    ['settings-routing', `${ws}/settings/routing`, 'Settings'],
  ] as const) {
    await page.goto(path);
    await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await shoot(page, name);
  }
  await context.close();
  return saved;
}

if (import.meta.main) {
  const outDir = fileURLToPath(new URL('../docs/screenshots', import.meta.url));
  const { startTestApp } = await import('../test/helpers/app.ts');
  const app = await startTestApp();
  const browser = await launchChromium();
  try {
    const saved = await captureScreenshots(app, browser, outDir);
    console.log(`screenshots: saved ${saved.length} PNGs in docs/screenshots/`);
  } finally {
    await browser.close();
    await app.close();
  }
}
