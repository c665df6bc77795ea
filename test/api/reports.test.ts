import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrand } from '../../src/store/brands.repository.ts';
import { saveTeamHours } from '../../src/store/sla/business-hours.repository.ts';
import { createTeam } from '../../src/store/teams.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let viewer: Caller;
const base = () => `/api/v1/workspaces/${acme.workspaceId}/reports`;
const range = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z';

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'ReportsApi');
  other = await seedWorkspace(api.db, 'Others');
  // Monday 2 March 2026, 09:00 UTC: a question answered after 15 minutes.
  const asked = await addMention(api.db, acme, { postedAt: new Date('2026-03-02T09:00:00Z') });
  await addMention(api.db, acme, {
    postedAt: new Date('2026-03-02T09:15:00Z'),
    fromBrand: true,
    author: { externalId: 'did:plc:acme', handle: 'acme.test' },
    parentExternalId: asked.mention.externalId,
    rootExternalId: asked.mention.externalId,
  });
  await addMention(api.db, acme, { postedAt: new Date('2026-03-03T10:00:00Z') });
  // A brand whose name a spreadsheet would read as a formula, and another workspace's mention.
  const formula = await createBrand(api.db, acme.workspaceId, {
    name: '=SUM(A1)',
    handles: [],
    keywords: [],
    isCompetitor: false,
  });
  await addMention(
    api.db,
    { ...acme, brandId: formula.id },
    {
      postedAt: new Date('2026-03-04T10:00:00Z'),
    },
  );
  await addMention(api.db, other, { postedAt: new Date('2026-03-02T09:00:00Z') });
  viewer = await api.login(acme.users.viewer);
});

afterAll(() => api.close());

describe('GET reports', () => {
  it('lets a viewer read response times and the response rate', async () => {
    const response = await api.request(
      'GET',
      `${base()}/responses?${range}&brandId=${acme.brandId}`,
      {
        as: viewer,
      },
    );
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      range: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z', timeZone: 'UTC' },
      firstResponse: { count: 1, medianSeconds: 900, p90Seconds: 900, withinHourShare: 1 },
      needingReply: 2,
      answered: 1,
      responseRate: 0.5,
    });
  });

  it('answers day by day: mentions, first responses and every empty day, in the asked zone', async () => {
    type Daily = {
      items: Array<{
        day: string;
        mentions: number;
        firstResponses: number;
        firstResponseMedianSeconds: number | null;
        withinHourShare: number | null;
      }>;
    };
    const utc = await api.request('GET', `${base()}/daily?${range}`, { as: viewer });
    expect(utc.status, utc.text).toBe(200);
    const days = (utc.json as unknown as Daily).items;
    expect(days.map((d) => d.day)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
    ]);
    expect(days.map((d) => d.mentions)).toEqual([0, 1, 1, 1, 0, 0, 0]);
    expect(days[1]).toMatchObject({
      firstResponses: 1,
      firstResponseMedianSeconds: 900,
      withinHourShare: 1,
    });
    expect(days[2]).toMatchObject({ firstResponses: 0, firstResponseMedianSeconds: null });

    // At UTC+14 the range runs 1 March 14:00 to 8 March 14:00, and the mentions of 3 and 4
    // March 10:00 UTC fall on the next days.
    const kiritimati = await api.request(
      'GET',
      `${base()}/daily?${range}&timeZone=Pacific/Kiritimati`,
      { as: viewer },
    );
    const shifted = (kiritimati.json as unknown as Daily).items;
    expect(shifted.map((d) => [d.day, d.mentions])).toEqual([
      ['2026-03-01', 0],
      ['2026-03-02', 1],
      ['2026-03-03', 0],
      ['2026-03-04', 1],
      ['2026-03-05', 1],
      ['2026-03-06', 0],
      ['2026-03-07', 0],
      ['2026-03-08', 0],
    ]);

    const csv = await api.request('GET', `${base()}/daily?${range}&format=csv`, { as: viewer });
    expect(csv.text.split('\r\n')[0]).toContain('firstResponseMedianSeconds');
  });

  it('counts volume of this workspace only', async () => {
    const response = await api.request('GET', `${base()}/volume?${range}`, { as: viewer });
    expect(response.status).toBe(200);
    const items = response.json.items as Array<{
      dimension: string;
      value: string;
      mentions: number;
    }>;
    expect(items.filter((item) => item.dimension === 'network')).toEqual([
      { dimension: 'network', value: 'bluesky', mentions: 3 },
    ]);
  });

  it('answers the heat map in the asked time zone', async () => {
    const response = await api.request(
      'GET',
      `${base()}/heat-map?${range}&brandId=${acme.brandId}&timeZone=Asia/Tokyo`,
      { as: viewer },
    );
    const items = response.json.items as Array<{
      weekday: number;
      hour: number;
      customerMessages: number;
      teamReplies: number;
    }>;
    expect(items).toHaveLength(168);
    expect(items.find((cell) => cell.weekday === 1 && cell.hour === 18)).toEqual({
      weekday: 1,
      hour: 18,
      customerMessages: 1,
      teamReplies: 1,
    });
  });

  it('exports CSV that a spreadsheet cannot run', async () => {
    const response = await api.request('GET', `${base()}/volume?${range}&format=csv`, {
      as: viewer,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('earshot-volume.csv');
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('dimension,value,mentions');
    expect(lines).toContain("brand,'=SUM(A1),1");
    const measures = await api.request('GET', `${base()}/responses?${range}&format=csv`, {
      as: viewer,
    });
    expect(measures.text).toContain('firstResponse.medianSeconds,900\r\n');
    expect(measures.text).toContain('range.timeZone,UTC\r\n');
  });

  it('gives sentiment per day and flow figures', async () => {
    const days = await api.request('GET', `${base()}/sentiment?${range}`, { as: viewer });
    expect((days.json.items as unknown[]).length).toBe(7);
    const flow = await api.request('GET', `${base()}/flow?${range}`, { as: viewer });
    expect(flow.json).toMatchObject({ transfers: 0, reopens: 0, reopenRate: null });
  });

  it('refuses a bad range or time zone with a clear error', async () => {
    for (const query of [
      'from=2026-03-08&to=2026-03-01',
      'from=yesterday',
      'from=2020-01-01&to=2026-01-01',
      'timeZone=Mars/Olympus',
      'timeZone=UTC%27;drop',
      'brandId=not-a-uuid',
      'format=xlsx',
    ]) {
      const response = await api.request('GET', `${base()}/responses?${query}`, { as: viewer });
      expect(response.status, query).toBe(400);
      expect(response.json.error?.code, query).toBe('validation_failed');
    }
  });

  it('is closed to someone outside the workspace', async () => {
    const outsider = await api.login(other.users.owner);
    const response = await api.request('GET', `${base()}/responses`, { as: outsider });
    expect(response.status).toBe(404);
  });
});

describe('response times in business hours (clock=business)', () => {
  const week = { start: '09:00', end: '17:00' };
  const weekRange = 'from=2026-03-06T00:00:00Z&to=2026-03-13T00:00:00Z';
  let teamId: string;

  beforeAll(async () => {
    const team = await createTeam(api.db, acme.workspaceId, 'Weekday care');
    teamId = team.id;
    await saveTeamHours(
      api.db,
      acme.workspaceId,
      teamId,
      {
        alwaysOpen: false,
        timeZone: 'Europe/London',
        week: {
          monday: [week],
          tuesday: [week],
          wednesday: [week],
          thursday: [week],
          friday: [week],
        },
        holidays: [],
        acknowledgement: null,
        followTheSunGroup: null,
      },
      new Date(),
    );
    const answer = (asked: { mention: { externalId: string } }, at: string) =>
      addMention(api.db, acme, {
        postedAt: new Date(at),
        fromBrand: true,
        author: { externalId: 'did:plc:acme', handle: 'acme.test' },
        parentExternalId: asked.mention.externalId,
        rootExternalId: asked.mention.externalId,
      });
    // The team's: Friday 16:00 → Monday 10:00 (London in winter = UTC), one open hour each side.
    const friday = await addMention(api.db, acme, { postedAt: new Date('2026-03-06T16:00:00Z') });
    await api.db
      .updateTable('conversations')
      .set({ team_id: teamId })
      .where('id', '=', friday.conversationId)
      .execute();
    await answer(friday, '2026-03-09T10:00:00Z');
    // No team: counted on the wall clock either way (30 minutes).
    const noon = await addMention(api.db, acme, { postedAt: new Date('2026-03-06T12:00:00Z') });
    await answer(noon, '2026-03-06T12:30:00Z');
  });

  it("counts a team's conversations in its saved hours and the rest on the wall clock", async () => {
    const get = async (query: string) => {
      const response = await api.request('GET', `${base()}/responses?${weekRange}${query}`, {
        as: viewer,
      });
      expect(response.status).toBe(200);
      return response.json as { firstResponse: { count: number; meanSeconds: number } };
    };
    expect((await get(`&teamId=${teamId}`)).firstResponse.meanSeconds).toBe(66 * 3600);
    expect((await get(`&teamId=${teamId}&clock=business`)).firstResponse.meanSeconds).toBe(7200);
    const all = await get('&clock=business');
    expect(all.firstResponse).toMatchObject({ count: 2, meanSeconds: (7200 + 1800) / 2 });
    expect((await get('')).firstResponse.meanSeconds).toBe((66 * 3600 + 1800) / 2);
  });
});
