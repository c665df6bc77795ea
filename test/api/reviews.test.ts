import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTriageAssess } from '../../src/pipeline/intake/assess.ts';
import { loadTriageModels } from '../../src/triage/models.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let agent: Caller;
const now = new Date('2026-03-05T12:00:00Z');
const ws = () => `/api/v1/workspaces/${acme.workspaceId}`;

// Trustpilot's business export, as its columns are named; one row is broken on purpose.
const trustpilot = [
  'Review ID,Review Created (UTC),Review Title,Review Content,Review Stars,Review Consumer Name,Review Consumer User ID',
  'tp-1,2026-03-01 09:00:00,Never again,"Cold food, rude staff.",1,Dana,u1',
  'tp-2,2026-03-01 10:00:00,Meh,Slow.,2,Eli,u2',
  'tp-3,2026-03-02 11:00:00,Lovely,Great coffee <b>and</b> cake,5,Fay,u3',
  'tp-4,2026-03-03 08:00:00,Odd,Six stars?,6,Gus,u4',
].join('\n');

// Yelp's API answer as JSON, nested user included.
const yelp = JSON.stringify([
  {
    id: 'y-1',
    url: 'https://www.yelp.com/biz/acme?hrid=y-1',
    text: 'Fine place, friendly barista.',
    rating: 4,
    time_created: '2026-03-02 15:30:00',
    user: { id: 'yu1', name: 'Hana' },
  },
]);

beforeAll(async () => {
  api = await createTestApi({ now: () => now, assess: createTriageAssess(loadTriageModels()) });
  acme = await seedWorkspace(api.db, 'Reviews');
  other = await seedWorkspace(api.db, 'Elsewhere');
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
});

afterAll(() => api.close());

const upload = (path: string, body: unknown, as: Caller = admin) =>
  api.request('POST', `${ws()}/reviews/import${path}`, { as, body });

describe('review import through the API', () => {
  it('previews a Trustpilot export: columns, the template it fits and the first rows', async () => {
    const preview = await upload('/preview', { fileName: 'trustpilot.csv', text: trustpilot });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      format: 'csv',
      template: 'trustpilot',
      missing: [],
      problem: null,
      mapping: { id: 'Review ID', rating: 'Review Stars', defaultSite: 'trustpilot' },
    });
    const rows = preview.json.rows as Array<{ line: number; review?: unknown; reason?: string }>;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      line: 2,
      review: {
        id: 'trustpilot:tp-1',
        stars: 1,
        author: 'Dana',
        postedAt: '2026-03-01T09:00:00.000Z',
      },
    });
    expect(rows[3]).toMatchObject({ line: 5, reason: 'Review Stars must be from 1 to 5' });
    // Nothing is stored by a preview.
    const stored = await api.db
      .selectFrom('mentions')
      .select('id')
      .where('workspace_id', '=', acme.workspaceId)
      .execute();
    expect(stored).toEqual([]);
  });

  it('suggests a mapping by column names for an unknown layout, and says what is missing', async () => {
    const preview = await upload('/preview', {
      fileName: 'mine.csv',
      text: 'Reviewer,Stars,Comment,Date\nAna,3,ok,2026-03-01',
    });
    expect(preview.json).toMatchObject({
      template: null,
      mapping: { author: 'Reviewer', rating: 'Stars', text: 'Comment', postedAt: 'Date' },
      missing: ['id', 'site'],
      rows: [],
      problem: 'no column found for id, site',
    });
  });

  it('imports with a template, keeps ratings, and adds nothing when the same file comes again', async () => {
    const first = await upload('', {
      fileName: 'trustpilot.csv',
      text: trustpilot,
      template: 'trustpilot',
    });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      added: 3,
      duplicates: 0,
      rejected: 1,
      rejections: [{ line: 5, reason: 'Review Stars must be from 1 to 5' }],
      conversations: 3,
    });
    const again = await upload('', {
      fileName: 'trustpilot.csv',
      text: trustpilot,
      template: 'trustpilot',
    });
    expect(again.json).toMatchObject({ added: 0, duplicates: 3, rejected: 1, conversations: 0 });
    const rejected = await api.db
      .selectFrom('rejected_records')
      .select(['source', 'line', 'reason'])
      .where('workspace_id', '=', acme.workspaceId)
      .execute();
    expect(rejected).toEqual([
      { source: 'reviews-csv:trustpilot.csv', line: 5, reason: 'Review Stars must be from 1 to 5' },
    ]);
    const stored = await api.db
      .selectFrom('mentions')
      .select(['external_id', 'review_site', 'rating', 'rating_value', 'rating_scale'])
      .where('workspace_id', '=', acme.workspaceId)
      .orderBy('external_id')
      .execute();
    expect(stored).toEqual([
      {
        external_id: 'trustpilot:tp-1',
        review_site: 'trustpilot',
        rating: 1,
        rating_value: 1,
        rating_scale: 5,
      },
      {
        external_id: 'trustpilot:tp-2',
        review_site: 'trustpilot',
        rating: 2,
        rating_value: 2,
        rating_scale: 5,
      },
      {
        external_id: 'trustpilot:tp-3',
        review_site: 'trustpilot',
        rating: 5,
        rating_value: 5,
        rating_scale: 5,
      },
    ]);
  });

  it('takes a multipart upload with a mapping of its own (a 10-point scale, nested JSON keys)', async () => {
    const form = new FormData();
    form.set('file', new File([yelp], 'yelp.json', { type: 'application/json' }));
    form.set(
      'mapping',
      JSON.stringify({
        id: 'id',
        text: 'text',
        rating: 'rating',
        ratingScale: 10,
        postedAt: 'time_created',
        author: 'user.name',
        url: 'url',
        defaultSite: 'Yelp',
      }),
    );
    form.set('brandId', acme.brandId);
    const response = await api.app.request(`${ws()}/reviews/import`, {
      method: 'POST',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ added: 1, rejected: 0 });
    const row = await api.db
      .selectFrom('mentions')
      .select(['rating', 'rating_value', 'rating_scale', 'review_site', 'author_handle', 'url'])
      .where('external_id', '=', 'yelp:y-1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      rating: 2,
      rating_value: 4,
      rating_scale: 10,
      review_site: 'yelp',
      author_handle: 'Hana',
      url: 'https://www.yelp.com/biz/acme?hrid=y-1',
    });
  });

  it('refuses bad files with a clear error and stores nothing', async () => {
    const count = async () =>
      (
        await api.db
          .selectFrom('mentions')
          .select('id')
          .where('workspace_id', '=', acme.workspaceId)
          .execute()
      ).length;
    const before = await count();
    const empty = await upload('', { fileName: 'empty.csv', text: '', template: 'trustpilot' });
    expect(empty.status).toBe(422);
    expect(empty.json.error).toMatchObject({
      code: 'invalid_file',
      message: 'empty.csv: the file is empty',
    });
    const wrong = await upload('', {
      fileName: 'other.csv',
      text: 'a,b\n1,2',
      template: 'trustpilot',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error?.message).toMatch(/other\.csv: line 1: missing column\(s\) Review ID/);
    const notJson = await upload('/preview', { fileName: 'x.json', text: '[{"id": ' });
    expect(notJson.status).toBe(422);
    expect(notJson.json.error?.message).toMatch(/not valid JSON/);
    const noMapping = await upload('', { fileName: 'x.csv', text: trustpilot });
    expect(noMapping.status).toBe(422);
    const unknownTemplate = await upload('', {
      fileName: 'x.csv',
      text: trustpilot,
      template: 'nope',
    });
    expect(unknownTemplate.json.error?.message).toBe('unknown template "nope"');
    const badMapping = await upload('', {
      fileName: 'x.csv',
      text: trustpilot,
      mapping: { id: 'Review ID' },
    });
    expect(badMapping.status).toBe(400);
    const tooBig = await api.request('POST', `${ws()}/reviews/import/preview`, {
      as: admin,
      body: { fileName: 'big.csv', text: 'x'.repeat(6 * 1024 * 1024) },
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error?.message).toBe('a file is at most 5242880 bytes');
    const form = new FormData();
    form.set('file', new File(['x'.repeat(11 * 1024 * 1024)], 'huge.csv'));
    const huge = await api.app.request(`${ws()}/reviews/import/preview`, {
      method: 'POST',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! },
      body: form,
    });
    expect(huge.status).toBe(413);
    const plain = await api.request('POST', `${ws()}/reviews/import/preview`, {
      as: admin,
      rawBody: 'id,site',
      headers: { 'content-type': 'text/csv' },
    });
    expect(plain.status).toBe(415);
    expect(await count()).toBe(before);
  });

  it('is for admins of the workspace only', async () => {
    const asAgent = await upload('/preview', { text: trustpilot }, agent);
    expect(asAgent.status).toBe(403);
    const theirs = await api.request(
      'POST',
      `/api/v1/workspaces/${other.workspaceId}/reviews/import/preview`,
      {
        as: admin,
        body: { text: trustpilot },
      },
    );
    expect(theirs.status).toBe(404);
    const templates = await api.request('GET', `${ws()}/reviews/import/templates`, { as: admin });
    expect((templates.json.items as Array<{ id: string }>).map((t) => t.id)).toEqual([
      'earshot',
      'trustpilot',
      'yelp',
      'tripadvisor',
      'bing',
      'angi',
    ]);
  });
});

describe('ratings in the inbox, priority and reports', () => {
  const inbox = async (query: string) => {
    const page = await api.request('GET', `${ws()}/conversations?${query}`, { as: agent });
    expect(page.status).toBe(200);
    return page.json.items as Array<{
      id: string;
      priority: number;
      preview: string;
      rating: unknown;
    }>;
  };

  it('shows each review conversation with its rating and filters by stars', async () => {
    const all = await inbox('view=all');
    expect(all.map((item) => item.rating)).toContainEqual({
      stars: 1,
      value: 1,
      scale: 5,
      site: 'trustpilot',
    });
    const low = await inbox('rating=1,2');
    expect(low.map((item) => (item.rating as { stars: number }).stars).sort()).toEqual([1, 2, 2]);
    const atMostOne = await inbox('maxRating=1');
    expect(atMostOne).toHaveLength(1);
    expect(atMostOne[0]?.preview).toContain('Cold food');
    expect((await api.request('GET', `${ws()}/conversations?rating=0`, { as: agent })).status).toBe(
      400,
    );
    expect(
      (await api.request('GET', `${ws()}/conversations?maxRating=6`, { as: agent })).status,
    ).toBe(400);
  });

  it('ranks a one-star review first and says why', async () => {
    const all = await inbox('view=all');
    expect(all[0]?.preview).toContain('Cold food');
    const oneStar = all[0]!;
    const fiveStar = all.find((item) => (item.rating as { stars: number } | null)?.stars === 5)!;
    expect(oneStar.priority).toBeGreaterThan(fiveStar.priority);
    const detail = await api.request('GET', `${ws()}/conversations/${oneStar.id}`, { as: agent });
    const [mention] = detail.json.mentions as Array<{
      rating: unknown;
      triage: { reasons: string[] };
    }>;
    expect(mention?.rating).toEqual({ stars: 1, value: 1, scale: 5, site: 'trustpilot' });
    expect(mention?.triage.reasons).toContain('1-star review');
  });

  it('reports the average, its trend, by site and brand, the spread and the answered share', async () => {
    const [oneStar] = await inbox('maxRating=1');
    const marked = await api.request(
      'POST',
      `${ws()}/conversations/${oneStar!.id}/answered-elsewhere`,
      {
        as: agent,
        body: { reply: 'So sorry, Dana. We have called the shop.' },
      },
    );
    expect(marked.status).toBe(200);
    const report = await api.request(
      'GET',
      `${ws()}/reports/reviews?from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z&timeZone=UTC`,
      { as: agent },
    );
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({
      reviews: 4,
      averageRating: 2.5,
      previousAverageRating: null,
      distribution: [
        { stars: 1, reviews: 1 },
        { stars: 2, reviews: 2 },
        { stars: 3, reviews: 0 },
        { stars: 4, reviews: 0 },
        { stars: 5, reviews: 1 },
      ],
      threads: 4,
      answered: 1,
      answeredShare: 0.25,
      // Posted 2026-03-01T09:00Z, answered at the API's clock, 2026-03-05T12:00Z.
      medianSecondsToAnswer: 4 * 86_400 + 3 * 3600,
      bySite: [
        { site: 'trustpilot', reviews: 3, averageRating: 8 / 3, answered: 1 },
        { site: 'yelp', reviews: 1, averageRating: 2, answered: 0 },
      ],
      byBrand: [{ brandId: acme.brandId, reviews: 4, averageRating: 2.5, answeredShare: 0.25 }],
      trend: [
        { day: '2026-03-01', reviews: 2, averageRating: 1.5 },
        { day: '2026-03-02', reviews: 2, averageRating: 3.5 },
        { day: '2026-03-03', reviews: 0, averageRating: null },
      ],
    });
    const theirs = await api.request(
      'GET',
      `/api/v1/workspaces/${other.workspaceId}/reports/reviews`,
      { as: agent },
    );
    expect(theirs.status).toBe(404);
  });
});
