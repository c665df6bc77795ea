import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markListeningFailed } from '../../src/store/channel-health.repository.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFakePlatform } from '../helpers/fake-platform.ts';
import type { FakePlatform } from '../helpers/fake-platform.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { logIn, openPage } from './session.ts';

const verified = JSON.parse(
  readFileSync(
    new URL(
      '../../src/channels/mastodon/fixtures/account-verify-credentials.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { id: string };

let app: Awaited<ReturnType<typeof startTestApp>>;
let platform: FakePlatform;
let browser: Browser;
let page: Page;
const hostileReason = 'cannot connect for 31 s: <img src=x onerror="alert(1)"> refused';

beforeAll(async () => {
  [app, browser, platform] = await Promise.all([
    startTestApp({ allowPrivateEgress: true }),
    launchChromium(),
    startFakePlatform(),
  ]);
  platform.route('GET', '/api/v1/accounts/verify_credentials', (request) =>
    request.headers.authorization === 'Bearer token-revoked'
      ? { status: 401, json: { error: 'The access token is invalid' } }
      : { json: verified },
  );
  platform.route('GET', '/api/v1/notifications', () => ({ json: [] }));
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await platform?.close();
});

const credentials = (token: string) =>
  JSON.stringify({ instanceUrl: platform.url, accessToken: token, streaming: false });

describe('the Channels card', () => {
  it('explains every credential field, self-hosted servers included, in the connect form', async () => {
    await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/settings/channels`);
    await page.getByRole('heading', { level: 2, name: 'Channels' }).waitFor();
    await page.getByLabel('Network').selectOption('bluesky');
    await page.getByText('Every Bluesky credential field').click();
    const fields = page.locator('.credential-fields').first();
    for (const text of ['firehoseUrl', 'plcUrl', 'Your own on a self-hosted network'])
      expect(await fields.textContent()).toContain(text);
  });

  it('shows an account that stopped listening in error with the reason, as text', async () => {
    await page.getByLabel('Network').selectOption('mastodon');
    await page.getByLabel('Account name').fill('Acme on Mastodon');
    await page.getByLabel('Credentials (JSON)').fill(credentials('token-1'));
    await page.getByRole('button', { name: 'Connect' }).click();
    const card = page.locator('.channel-card').filter({ hasText: 'Acme on Mastodon' });
    await card.getByText('Listening').waitFor();
    const { id } = await app.running.store.db
      .selectFrom('channel_accounts')
      .select('id')
      .where('workspace_id', '=', app.workspaceId)
      .where('name', '=', 'Acme on Mastodon')
      .executeTakeFirstOrThrow();
    expect(await markListeningFailed(app.running.store.db, id, hostileReason, new Date())).toBe(
      true,
    );
    await page.reload();
    await card.getByText('Error', { exact: true }).waitFor();
    expect(await card.locator('.channel-health').textContent()).toContain(hostileReason);
    expect(await card.locator('img').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('edits the account in place: refused credentials say why, good ones bring it back', async () => {
    const card = page.locator('.channel-card').filter({ hasText: 'Acme on Mastodon' });
    await card.getByRole('button', { name: 'Edit Acme on Mastodon' }).click();
    const form = card.getByRole('form', { name: 'Edit Acme on Mastodon' });
    await form.getByLabel('New credentials (JSON)').fill(credentials('token-revoked'));
    await form.getByRole('button', { name: 'Save Acme on Mastodon' }).click();
    await form.getByRole('alert').filter({ hasText: 'mastodon refused the credentials' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await form.getByLabel('Account name').fill('Acme support');
    await form.getByLabel('New credentials (JSON)').fill(credentials('token-2'));
    await form.getByRole('button', { name: 'Save Acme on Mastodon' }).click();
    await page.getByRole('status').filter({ hasText: 'Acme support: saved.' }).waitFor();
    const edited = page.locator('.channel-card').filter({ hasText: 'Acme support' });
    await edited.getByText('Listening').waitFor();
    expect(await edited.locator('.channel-health').textContent()).not.toContain(hostileReason);
    await expect
      .poll(
        () =>
          platform
            .requestsTo('GET', '/api/v1/notifications')
            .some((request) => request.headers.authorization === 'Bearer token-2'),
        { timeout: 20_000 },
      )
      .toBe(true);
  });
});
