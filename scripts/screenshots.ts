/**
 * `npm run screenshots`: starts Earshot the way `npm start` does for a new user (a fresh data
 * folder, the embedded database, the demo workspace and the login it prints), logs in as that
 * user and saves PNGs of the main pages into docs/screenshots/, for the README and for reviewing
 * visual changes. Uses the same Chromium as the browser tests (test/browser/chromium.ts).
 *
 * Before each capture it checks the page shows what a new user should see: no "not labelled"
 * triage, reports with numbers and charts. It stops with an error naming the page otherwise,
 * so a demo that regressed is noticed instead of photographed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/browser/chromium.ts';
import { pageApi } from '../test/browser/page-api.ts';
import { logIn } from '../test/browser/session.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

type Demo = {
  url: string;
  login: { email: string; password: string };
  workspaceName: string;
  stop(): Promise<void>;
};

/**
 * `earshot start` in a child process with a fresh data folder and the demo on, as `npm start`
 * runs it. It prints its address and the first login once the demo workspace (with its 90 days
 * of history) is seeded, so by then there is everything to show.
 */
async function startDemo(dataDir: string): Promise<Demo> {
  const child = spawn(process.execPath, ['bin/earshot.js', 'start', '--port', '0'], {
    cwd: root,
    env: {
      ...process.env,
      EARSHOT_DATA_DIR: dataDir,
      DATABASE_URL: '',
      EARSHOT_DEMO: 'true',
      EARSHOT_ADMIN_EMAIL: '',
      EARSHOT_ADMIN_PASSWORD: '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  const printed = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The block ends with the data folder's line.
      if (!/ {2}Data: .*\n/.test(output)) return;
      child.stdout.off('data', onData);
      resolve(output);
    };
    child.stdout.on('data', onData);
    void exited.then((code) => reject(new Error(`earshot start exited (${code}):\n${output}`)));
  });
  const line = (label: string) => {
    const value = new RegExp(`${label}\\s+(.+)`).exec(printed)?.[1];
    if (!value) throw new Error(`earshot start did not print "${label}":\n${printed}`);
    return value.trim();
  };
  const url = line('running at').replace('localhost', '127.0.0.1');
  return {
    url,
    login: { email: line('First login:'), password: line('Password:').split(/\s/)[0]! },
    workspaceName: line('Workspace:'),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Stops with a clear error when the page shows something a new user should not see. */
async function assertShowable(page: Page, name: string): Promise<void> {
  const text = await page.locator('body').innerText();
  if (/not labelled/i.test(text)) {
    throw new Error(`screenshots: the ${name} page shows "not labelled":\n${text.slice(0, 2000)}`);
  }
}

type WorkspaceItem = { id: string; name: string };
type ConversationItem = {
  id: string;
  sentiment: string | null;
  needsReply: boolean;
  firstResponseDueAt: string | null;
  dueAt: string | null;
  mentionCount: number;
};
type ConversationDetail = {
  mentions: { fromBrand: boolean; triage?: { reasons?: string[]; intent?: string | null } }[];
};

/**
 * A live conversation that shows triage at work: a negative post waiting for an answer, its SLA
 * clock running and reasons given for its priority (a complaint, where the demo has one).
 */
async function triagedConversation(
  page: Page,
  workspaceId: string,
  shownAlready: string,
): Promise<string> {
  const list = await pageApi<{ items: ConversationItem[] }>(
    page,
    'GET',
    `/workspaces/${workspaceId}/conversations?limit=100`,
  );
  const candidates = list.items
    .filter(
      (c) =>
        c.id !== shownAlready &&
        c.sentiment === 'negative' &&
        c.needsReply &&
        (c.dueAt ?? c.firstResponseDueAt),
    )
    // A thread of several posts first: it shows more of the conversation pane.
    .toSorted((a, b) => b.mentionCount - a.mentionCount);
  let fallback: string | undefined;
  for (const candidate of candidates) {
    const detail = await pageApi<ConversationDetail>(
      page,
      'GET',
      `/workspaces/${workspaceId}/conversations/${candidate.id}`,
    );
    const latest = detail.mentions.filter((m) => !m.fromBrand).at(-1);
    if (!latest?.triage?.reasons?.length) continue;
    if (latest.triage.intent === 'complaint' || latest.triage.reasons.includes('complaint'))
      return candidate.id;
    fallback ??= candidate.id;
  }
  if (fallback) return fallback;
  throw new Error(
    `screenshots: no demo conversation is negative, waiting on an SLA clock and triaged with reasons (${candidates.length} negative with a clock)`,
  );
}

/**
 * Saves inbox, conversation, inbox-mobile, reports, campaign, ideas, settings-routing and first-run PNGs
 * of the demo into `outDir`, as its first owner sees them.
 */
export async function captureScreenshots(
  demo: Demo,
  browser: Browser,
  outDir: string,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const saved: string[] = [];
  const shoot = async (page: Page, name: string) => {
    await assertShowable(page, name);
    const file = `${outDir}/${name}.png`;
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: file });
    saved.push(file);
  };

  const context = await browser.newContext({
    baseURL: demo.url,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await logIn(page, demo.login);
  const workspaces = await pageApi<{ items: WorkspaceItem[] }>(page, 'GET', '/workspaces');
  const workspace = workspaces.items.find((w) => w.name === demo.workspaceName);
  if (!workspace) throw new Error(`screenshots: no workspace named "${demo.workspaceName}"`);
  const ws = `/w/${encodeURIComponent(workspace.id)}`;
  const list = page.getByRole('list', { name: 'All conversations' });
  const contextPane = page.getByRole('region', { name: 'About this conversation' });
  // The thread opens at its newest entry; scrolled to its start, the customer's first post shows.
  const openConversation = async () => {
    await page.locator('article.message--customer').first().waitFor();
    await contextPane.getByRole('heading', { name: 'Triage' }).waitFor();
    await list.locator('.inbox-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByRole('region', { name: 'Thread' }).evaluate((el) => el.scrollTo(0, 0));
  };

  // The inbox in three panes: the list, the conversation at its top, its context.
  await page.goto(`${ws}/inbox`);
  await list.locator('.inbox-row a').first().click();
  await openConversation();
  await shoot(page, 'inbox');
  const openedFirst = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);

  // A complaint waiting on its SLA clock, the reasons for its priority beside it, a reply drafted.
  const complaintId = await triagedConversation(page, workspace.id, openedFirst);
  await page.goto(`${ws}/conversations/${encodeURIComponent(complaintId)}`);
  await openConversation();
  await contextPane.getByRole('heading', { name: 'Why this priority' }).waitFor();
  await contextPane.locator('.due').waitFor();
  await page
    .getByLabel('Reply text')
    .fill('So sorry about this. I have looked into it and sent you the details in a DM.');
  await shoot(page, 'conversation');

  // The inbox on a phone: the list alone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${ws}/inbox`);
  await list.locator('.inbox-row').first().waitFor();
  await page.waitForLoadState('networkidle');
  await shoot(page, 'inbox-mobile');
  await page.setViewportSize({ width: 1440, height: 900 });

  // Reports over the demo's 90 days of history, once every chart has drawn.
  await page.goto(`${ws}/reports?days=90`);
  await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
  await page.locator('.dashboard-measures[aria-busy="false"]').waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.uplot canvas').nth(5).waitFor();
  // Every chart has data (its caption then names the latest value), and so have the headline
  // measures; a measure with no value is printed, so a gap in the demo is seen, not hidden.
  const captions = await page.locator('figure.report-card--chart figcaption').allInnerTexts();
  const blank = captions.filter((caption) => !caption.includes('· latest'));
  if (captions.length < 6 || blank.length > 0) {
    throw new Error(
      `screenshots: the reports are empty: ${captions.length} charts, without data: ${JSON.stringify(blank)}`,
    );
  }
  const measures = await page.locator('.dashboard-measure').allInnerTexts();
  const noValue = measures.filter((m) => /^\s*–\s*$/.test(m.split('\n')[1] ?? ''));
  if (noValue.length > measures.length / 2) {
    throw new Error(`screenshots: the reports' measures are empty: ${JSON.stringify(measures)}`);
  }
  for (const measure of noValue) {
    console.warn(`screenshots: the demo's reports show no value for ${measure.split('\n')[0]}`);
  }
  await shoot(page, 'reports');

  // The demo's share contest: its report, shares per day and leaderboard.
  await page.goto(`${ws}/campaigns`);
  await page.getByRole('list', { name: 'Campaigns' }).getByRole('link').first().click();
  await page.getByRole('heading', { name: 'Leaderboard' }).waitFor();
  await page.locator('.uplot canvas').first().waitFor();
  await page.waitForLoadState('networkidle');
  if ((await page.getByRole('table', { name: 'Leaderboard' }).count()) === 0) {
    throw new Error('screenshots: the demo campaign has no counted shares');
  }
  await shoot(page, 'campaign');

  for (const [name, where, heading] of [
    ['ideas', `${ws}/ideas`, 'Ideas'],
    ['settings-routing', `${ws}/settings/routing`, 'Settings'],
  ] as const) {
    await page.goto(where);
    await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
    await page.waitForLoadState('networkidle');
    if (name === 'ideas' && (await page.getByText('No ideas yet.').count()) > 0) {
      throw new Error('screenshots: the demo workspace has an empty ideas board');
    }
    await shoot(page, name);
  }

  // First run: a second workspace, new and empty, shows its "Get started" checklist.
  const fresh = await pageApi<WorkspaceItem>(page, 'POST', '/workspaces', { name: 'Acme Outdoor' });
  await page.goto(`/w/${encodeURIComponent(fresh.id)}/inbox`);
  await page.getByRole('heading', { name: /^Get started/ }).waitFor();
  await page.waitForLoadState('networkidle');
  await shoot(page, 'first-run');

  await context.close();
  return saved;
}

if (import.meta.main) {
  const outDir = path.join(root, 'docs', 'screenshots');
  // As `npm start`: the web app built when the build is missing or older than its sources.
  execFileSync(process.execPath, ['scripts/ensure-web-build.ts'], { cwd: root, stdio: 'inherit' });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'earshot-screenshots-'));
  try {
    console.log('screenshots: starting Earshot with the demo workspace (seeding takes a while)…');
    const demo = await startDemo(dataDir);
    const browser = await launchChromium();
    try {
      const saved = await captureScreenshots(demo, browser, outDir);
      console.log(`screenshots: saved ${saved.length} PNGs in docs/screenshots/`);
    } finally {
      await browser.close();
      await demo.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
