import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { seriousA11yViolations } from './axe.ts';
import { launchChromium } from './chromium.ts';
import { pageApi } from './page-api.ts';
import { logIn, openPage } from './session.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
let billingId: string;

const api = <T>(method: string, path: string, body?: unknown) =>
  pageApi<T>(page, method, `/workspaces/${app.workspaceId}${path}`, body);
const open = async (section: string, heading: string) => {
  await page.goto(`/w/${encodeURIComponent(app.workspaceId)}/settings/${section}`);
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
};

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  ({ page } = await openPage(browser, app.baseUrl));
  await logIn(page, app.owner);
  await api('POST', '/teams', { name: 'Support' });
  ({ id: billingId } = await api<{ id: string }>('POST', '/teams', { name: 'Billing' }));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the category → team map in routing settings', () => {
  it('maps REFUND to a team, and a dry run of a refund text routes there', async () => {
    await open('routing', 'Routing rules');
    const map = page.getByRole('form', { name: 'Teams by category' });
    await map.getByLabel('Team for REFUND').selectOption({ label: 'Billing' });
    await map.getByRole('button', { name: 'Save the category map' }).click();
    await map.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await map.getByLabel('Team for REFUND').inputValue()).toBe(billingId);

    type Map = { categoryTeams: Record<string, string> };
    expect((await api<Map>('GET', '/routing/categories')).categoryTeams).toEqual({
      REFUND: billingId,
    });
    type DryRun = { labels: { category: string }; decision: { teamId: string | null } };
    const run = await api<DryRun>('POST', '/routing/dry-run', {
      text: 'I want a refund for my order, please give me my money back',
    });
    expect(run.labels.category).toBe('REFUND');
    expect(run.decision.teamId).toBe(billingId);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('capacity and skills in teams settings', () => {
  it("sets a member's capacity and a skill", async () => {
    await open('teams', 'Capacity and skills');
    const agent = page.getByRole('form', { name: 'Routing of Acme agent' });
    await agent.getByLabel('Capacity of Acme agent (empty: no limit)').fill('3');
    await agent.getByLabel('New skill for Acme agent').fill('spanish');
    await agent.getByRole('button', { name: 'Add skill' }).click();
    await agent.getByRole('list', { name: 'Skills of Acme agent' }).getByText('spanish').waitFor();
    await agent.getByRole('button', { name: 'Save Acme agent' }).click();
    await agent.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    type Agents = { items: { name: string; maxOpen: number | null; skills: string[] }[] };
    const agents = (await api<Agents>('GET', '/routing/agents')).items;
    expect(agents.find((a) => a.name === 'Acme agent')).toMatchObject({
      maxOpen: 3,
      skills: ['spanish'],
    });
    expect(agents.find((a) => a.name === 'Acme owner')?.maxOpen).toBeNull();
    expect(await agent.getByLabel('Capacity of Acme agent (empty: no limit)').inputValue()).toBe(
      '3',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
