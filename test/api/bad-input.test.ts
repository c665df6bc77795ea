import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoutingRule } from '../../src/store/routing/routing-rules.repository.ts';
import { createSlaPolicy } from '../../src/store/sla/sla-policies.repository.ts';
import { createTeam } from '../../src/store/teams.repository.ts';
import { insertAlertDestination } from '../../src/store/alerts/alert-destinations.repository.ts';
import { insertTag } from '../../src/store/tags.repository.ts';
import { issuePasswordReset } from '../../src/app/auth/password-reset.ts';
import { generateToken, hashToken } from '../../src/security/tokens.ts';
import { insertInvitation } from '../../src/store/invitations.repository.ts';
import { upsertMembership } from '../../src/store/workspaces.repository.ts';
import { findScorecard, insertScorecard } from '../../src/store/quality/scorecards.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import { seedSentReply } from '../helpers/quality.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import {
  addMention,
  contactOfMention,
  seedAwaitingReply,
  seedCampaign,
  seedCampaignDraw,
  seedCannedResponse,
  seedIdeas,
  seedUser,
  seedWorkspace,
} from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Hostile and careless requests against every route that takes a body (read from the OpenAPI
// document): each gets a 4xx with an error code, never a 500, and nothing stored changes.

interface Ids {
  conversationId: string;
  teamId: string;
  agentId: string;
}
type Body = Record<string, unknown>;
/** A one-review file in Earshot's layout (the review import routes). */
const reviewFile = 'id,site,rating,text,posted_at\nm1,yelp,4,Good coffee,2026-03-01';

/** A valid body per body-taking route. A route without one fails the first test. */
const validBodies: Record<string, (ids: Ids) => Body> = {
  'POST /api/v1/auth/login': () => ({ email: 'someone@example.test', password: 'pw' }),
  'POST /api/v1/tokens': () => ({ name: 'script' }),
  // The same password again: the owner's stays as the other requests need it.
  'POST /api/v1/auth/password': () => ({
    currentPassword: acme.users.owner.password,
    newPassword: acme.users.owner.password,
  }),
  'POST /api/v1/auth/password-reset': () => ({ email: acme.users.viewer.email }),
  'POST /api/v1/auth/password-reset/confirm': () => ({
    token: accountSecrets.reset,
    newPassword: 'a-new-password-here',
  }),
  'POST /api/v1/invitations/preview': () => ({ token: accountSecrets.invitation }),
  'POST /api/v1/invitations/accept': () => ({
    token: accountSecrets.invitation,
    password: 'a-new-password-here',
  }),
  'POST {ws}/members/deactivate': () => ({ userId: accountSecrets.leaverId }),
  // The owner's pending setup (made before the tests); the next route turns it off again.
  'POST /api/v1/auth/two-factor/enable': () => ({ code: totpCode(accountSecrets.ownerTotp) }),
  'POST /api/v1/auth/two-factor/disable': () => ({ password: acme.users.owner.password }),
  // A sign-in of another user with two-factor on, waiting for its code.
  'POST /api/v1/auth/login/two-factor': () => ({
    challenge: accountSecrets.challenge,
    code: totpCode(accountSecrets.challengeTotp),
  }),
  'PUT {ws}/two-factor-requirement': () => ({ required: false }),
  'POST /api/v1/workspaces': () => ({ name: 'Client' }),
  'POST {ws}/members': () => ({ email: 'new@example.test', role: 'agent' }),
  'PUT {ws}/members/{userId}/role': () => ({ role: 'agent' }),
  'PUT {ws}/sso': () => ({ ssoOnly: false }),
  'POST {ws}/teams': () => ({ name: 'Escalations' }),
  'POST {ws}/teams/{teamId}/members': (ids) => ({ userId: ids.agentId }),
  'POST {ws}/brands': () => ({ name: 'Side brand', keywords: ['side'] }),
  'PATCH {ws}/brands/{brandId}': () => ({ keywords: ['acme', 'more'] }),
  'POST {c}/status': () => ({ status: 'pending' }),
  'POST {c}/assign': (ids) => ({ assigneeId: ids.agentId }),
  'POST {c}/team': (ids) => ({ teamId: ids.teamId }),
  'POST {c}/priority': () => ({ priority: 60 }),
  'POST {c}/tags': () => ({ tag: 'billing' }),
  'POST {c}/untag': () => ({ tag: 'billing' }),
  'POST {c}/notes': () => ({ body: 'internal' }),
  'POST {c}/follow-up': () => ({ dueAt: '2099-01-01T09:00:00Z' }),
  'POST {ws}/sla-policies': (ids) => ({
    name: 'Fast',
    teamId: ids.teamId,
    firstResponseMinutes: 30,
  }),
  'PUT {ws}/sla-policies/{policyId}': () => ({ name: 'Faster', firstResponseMinutes: 15 }),
  'PUT {ws}/teams/{teamId}/business-hours': () => ({
    timeZone: 'Europe/Paris',
    week: { monday: [{ start: '09:00', end: '18:00' }] },
    holidays: ['2026-12-25'],
    acknowledgement: 'Merci ! Réponse {{opensAt}}.',
    followTheSunGroup: 'europe',
  }),
  'POST {c}/replies': () => ({ text: 'Hello!', draft: true }),
  'POST {c}/presence': () => ({ state: 'typing' }),
  'POST {ws}/alert-destinations': () => ({ kind: 'webhook', url: 'https://hooks.example.test/a' }),
  'PATCH {ws}/alert-destinations/{destinationId}': () => ({ enabled: false }),
  'POST {ws}/mentions/{mentionId}/hide': () => ({ reason: 'spam', note: 'bot' }),
  'POST {ws}/mentions/{mentionId}/unhide': () => ({ note: 'a person after all' }),
  'POST {ws}/contacts/{contactId}/block': () => ({ reason: 'abuse', note: 'slurs' }),
  'POST {ws}/contacts/{contactId}/unblock': () => ({ note: 'apologised' }),
  'POST {ws}/canned-responses': () => ({ name: 'Hello', body: 'Hi {{customer.name}}' }),
  'PATCH {ws}/canned-responses/{cannedResponseId}': () => ({ body: 'Hello {{brand.name}}' }),
  'POST {ws}/canned-responses/{cannedResponseId}/render': (ids) => ({
    conversationId: ids.conversationId,
  }),
  'POST {ws}/ideas': () => ({ title: 'Idea', description: 'why', mentionIds: [care.mentionId] }),
  'POST {ws}/ideas/{ideaId}/mentions': () => ({ mentionIds: [care.mentionId] }),
  'POST {ws}/ideas/{ideaId}/status': () => ({ status: 'under_review', reason: 'looking' }),
  // Comes right after the status route, which put the idea under review.
  'POST {ws}/ideas/{ideaId}/notices': () => ({
    status: 'under_review',
    notices: [{ conversationId: ideaConversationId, text: 'Looking into it' }],
  }),
  'PUT {ws}/idea-notice-templates': () => ({ planned: 'Planned: {{idea.title}}' }),
  'PUT {ws}/quality/settings': () => ({ samplePerAgent: 4 }),
  'POST {ws}/quality/scorecards': () => ({
    name: 'Care',
    criteria: [{ name: 'Empathy', weight: 2 }],
  }),
  // The agent's sent reply, scored by the owner on a scorecard made before the tests.
  'POST {ws}/quality/reviews': () => ({
    replyId: quality.replyId,
    scorecardId: quality.scorecardId,
    scores: [{ criterionId: quality.criterionId, score: 4 }],
    note: 'Warm and clear',
  }),
  'POST {ws}/ideas/{ideaId}/merge': () => ({ intoIdeaId: care.spareIdeaId }),
  'POST {ws}/praise': () => ({ mentionId: care.mentionId, note: 'lovely' }),
  'POST {ws}/campaigns': () => ({
    name: 'Summer giveaway',
    brandId: acme.brandId,
    posts: [{ network: 'bluesky', externalId: 'at://did:plc:acme/app.bsky.feed.post/1' }],
    startsAt: '2026-06-01T00:00:00Z',
    endsAt: '2026-06-08T00:00:00Z',
    requiredHashtag: '#summer',
    shareKinds: ['reply', 'quote', 'repost'],
    minAccountAgeDays: 30,
  }),
  'POST {ws}/campaigns/{campaignId}/draws': () => ({
    method: 'random',
    winners: 1,
    seed: 'published',
  }),
  'POST {ws}/campaigns/{campaignId}/draws/{drawId}/announcement': () => ({
    text: 'Our winner is @winner.test!',
  }),
  'POST {ws}/campaigns/{campaignId}/draws/{drawId}/winner-messages': () => ({
    messages: [{ recipient: 'did:plc:winner', text: 'You won!' }],
  }),
  'POST {ws}/mentions/{mentionId}/triage/corrections': () => ({ sentiment: 'negative' }),
  'PUT {ws}/reply-settings': (ids) => ({
    approvalUserIds: [ids.agentId],
    approveToneFlagged: false,
    csatEnabled: true,
    csatQuestion: 'How did we do?',
  }),
  'POST {ws}/replies/{replyId}/approval': () => ({ decision: 'approve' }),
  'POST {ws}/routing/rules': (ids) => ({
    name: 'Refunds',
    when: [{ field: 'keywords', any: ['refund'] }],
    then: { teamId: ids.teamId },
  }),
  'PUT {ws}/routing/order': () => ({ ruleIds: [ruleId] }),
  'PATCH {ws}/routing/rules/{ruleId}': () => ({ name: 'Refunds first', enabled: true }),
  'PUT {ws}/routing/categories': (ids) => ({ categoryTeams: { REFUND: ids.teamId } }),
  'POST {ws}/routing/dry-run': () => ({ text: 'I want a refund', authorFollowers: 10 }),
  'PUT {ws}/members/me/availability': () => ({ available: false }),
  'PUT {ws}/members/{userId}/routing': () => ({ maxOpen: 4, skills: ['refunds'] }),
  'POST {ws}/tags': () => ({ name: `vip-${Date.now()}`, color: '#1f77b4' }),
  'PATCH {ws}/tags/{tagId}': () => ({ description: 'Customers on the top plan' }),
  // The contact is the same person as itself: linking changes nothing.
  'POST {ws}/contacts/{contactId}/same-person': () => ({ contactId: care.contactId }),
  'POST {ws}/contacts/{contactId}/erase': () => ({ reason: 'The customer asked by email' }),
  'POST {ws}/note-mentions/seen': (ids) => ({ conversationId: ids.conversationId }),
  'PATCH {ws}/channels/{channelId}': () => ({ name: 'Renamed input form' }),
  'POST {c}/answered-elsewhere': () => ({ note: 'answered on the network' }),
  'POST {ws}/conversations/bulk': (ids) => ({
    conversationIds: [ids.conversationId],
    action: { type: 'tag', tag: 'bulk' },
  }),
  'POST {ws}/reviews/import/preview': () => ({ fileName: 'reviews.csv', text: reviewFile }),
  'POST {ws}/reviews/import': () => ({
    fileName: 'reviews.csv',
    text: reviewFile,
    template: 'earshot',
  }),
  // A webhook account is checked without reaching any network.
  'POST {ws}/channels': () => ({
    network: 'webhook',
    brandId: acme.brandId,
    name: `Form ${Date.now()}`,
    credentials: { name: 'Input form', secret: 'input-secret-0123456789abcdef0123' },
  }),
};

const shorten = (path: string) =>
  path
    .replace('/api/v1/workspaces/{workspaceId}/conversations/{conversationId}', '{c}')
    .replace('/api/v1/workspaces/{workspaceId}', '{ws}');

interface Route {
  name: string;
  method: string;
  path: string;
}

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let owner: Caller;
let ids: Ids;
let routes: Route[];
/** An SLA policy of Acme, for the policy routes' path. */
let policyId: string;
/** A routing rule of Acme, for the rule routes' path. */
let ruleId: string;
/** An alert destination of Acme, for the destination routes' path. */
let destinationId: string;
/** A managed tag of Acme, for the tag routes' path. */
let tagId: string;
/** Objects of Acme the moderation, canned response, idea and approval routes name. */
let care: Record<
  'mentionId' | 'contactId' | 'cannedResponseId' | 'ideaId' | 'spareIdeaId' | 'replyId',
  string
>;

/** The conversation of the post Acme's ideas were promoted from (telling its customer). */
let ideaConversationId: string;
let quality: { replyId: string; scorecardId: string; criterionId: string };
/** A share contest of Acme and a draw of it, for the draw and message routes' paths. */
let campaignId: string;
let drawId: string;

/** One-time secrets and a leaver for the account routes' valid bodies (each is used once). */
const accountSecrets = {
  reset: '',
  invitation: '',
  leaverId: '',
  ownerTotp: '',
  challenge: '',
  challengeTotp: '',
};

const totpCode = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate();

/** The owner's pending two-factor setup, and a sign-in of another user waiting for its code. */
async function seedTwoFactor(): Promise<void> {
  const setup = await api.request('POST', '/api/v1/auth/two-factor/setup', { as: owner });
  accountSecrets.ownerTotp = setup.json.secret as string;
  const careful = await seedUser(api.db, 'Careful');
  const as = await api.login(careful);
  const theirs = await api.request('POST', '/api/v1/auth/two-factor/setup', { as });
  accountSecrets.challengeTotp = theirs.json.secret as string;
  // Enabled with the previous step's code, so the current one is still unused for the sign-in.
  const earlier = new TOTP({ secret: Secret.fromBase32(accountSecrets.challengeTotp) }).generate({
    timestamp: Date.now() - 30_000,
  });
  await api.request('POST', '/api/v1/auth/two-factor/enable', { as, body: { code: earlier } });
  const login = await api.request('POST', '/api/v1/auth/login', {
    body: { email: careful.email, password: careful.password },
  });
  accountSecrets.challenge = login.json.challenge as string;
}

async function seedAccountSecrets(): Promise<void> {
  const resetUser = await seedUser(api.db, 'Forgetful');
  accountSecrets.reset = (await issuePasswordReset(
    api.db,
    resetUser.email,
    new Date(),
    3600_000,
  ))!.token;
  accountSecrets.invitation = generateToken('esi');
  await insertInvitation(api.db, {
    workspaceId: acme.workspaceId,
    email: 'invited-input@example.test',
    name: null,
    role: 'agent',
    tokenHash: hashToken(accountSecrets.invitation),
    invitedBy: acme.users.owner.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const leaver = await seedUser(api.db, 'Leaver');
  await upsertMembership(api.db, {
    workspaceId: acme.workspaceId,
    userId: leaver.id,
    role: 'agent',
  });
  accountSecrets.leaverId = leaver.id;
}

beforeAll(async () => {
  api = await createTestApi();
  const document = (await api.request('GET', '/api/openapi.json')).json as unknown as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => op.requestBody !== undefined)
      .map(([method]) => ({
        name: `${method.toUpperCase()} ${shorten(path)}`,
        method: method.toUpperCase(),
        path,
      })),
  );
  acme = await seedWorkspace(api.db, 'Input');
  other = await seedWorkspace(api.db, 'Other');
  owner = await api.login(acme.users.owner);
  const { conversationId } = await addMention(api.db, acme, { text: 'hello' });
  const team = await createTeam(api.db, acme.workspaceId, 'Support');
  ids = { conversationId, teamId: team.id, agentId: acme.users.agent.id };
  const policy = await createSlaPolicy(
    api.db,
    acme.workspaceId,
    {
      name: 'Input policy',
      teamId: null,
      minPriority: null,
      maxPriority: null,
      firstResponseMinutes: 60,
      nextResponseMinutes: null,
      resolutionMinutes: null,
      warnBeforeMinutes: 0,
      escalation: { notify: true, reassign: null, raisePriorityBy: 0 },
    },
    new Date(),
  );
  policyId = policy.id;
  const rule = await createRoutingRule(
    api.db,
    acme.workspaceId,
    { name: 'Input rule', enabled: true, when: [], then: { teamId: team.id } },
    new Date(),
  );
  ruleId = rule.id;
  destinationId = (
    await insertAlertDestination(api.db, {
      workspaceId: acme.workspaceId,
      kind: 'email',
      target: 'leads@example.test',
      secretEncrypted: null,
      enabled: true,
      now: new Date(),
    })
  ).id;
  tagId = (
    await insertTag(
      api.db,
      acme.workspaceId,
      { name: 'vip', color: null, description: null },
      new Date(),
    )
  ).id;
  const spam = await addMention(api.db, acme, { text: 'buy followers' });
  ideaConversationId = spam.conversationId;
  care = {
    mentionId: spam.mentionId,
    contactId: await contactOfMention(api.db, spam.mentionId),
    cannedResponseId: await seedCannedResponse(api.db, acme),
    ...(await seedIdeas(api.db, acme, spam.mentionId)),
    replyId: await seedAwaitingReply(api.db, acme, conversationId),
  };
  const scorecardId = await insertScorecard(api.db, {
    workspaceId: acme.workspaceId,
    name: 'Input scorecard',
    criteria: [{ name: 'Tone', weight: 1 }],
    createdBy: acme.users.owner.id,
    now: new Date(),
  });
  quality = {
    replyId: (
      await seedSentReply(api.db, acme, { authorId: acme.users.agent.id, sentAt: new Date() })
    ).replyId,
    scorecardId,
    criterionId: (await findScorecard(api.db, acme.workspaceId, scorecardId))!.criteria[0]!.id,
  };
  campaignId = await seedCampaign(api.db, acme, 'Input campaign');
  drawId = await seedCampaignDraw(api.db, acme, campaignId);
  await seedAccountSecrets();
  await seedTwoFactor();
});
afterAll(async () => api?.close());

function urlOf(route: Route, override: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    workspaceId: acme.workspaceId,
    conversationId: ids.conversationId,
    teamId: ids.teamId,
    brandId: acme.brandId,
    userId: acme.users.agent.id,
    channelId: acme.channelAccountId,
    ...care,
    policyId,
    ruleId,
    destinationId,
    tagId,
    campaignId,
    drawId,
    ...override,
  };
  return route.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]!);
}

async function send(
  route: Route,
  init: { body?: unknown; rawBody?: string; headers?: Record<string, string> },
  url = urlOf(route),
) {
  return api.request(route.method, url, { as: owner, ...init });
}

/** Every row that matters, as text: equal snapshots mean nothing was stored or changed. */
async function snapshot(): Promise<string> {
  const counted = ['workspaces', 'users', 'memberships', 'api_tokens', 'team_members'].map(
    (table) => sql`select ${table} || '=' || count(*) as line from ${sql.table(table)}`,
  );
  const dumped = [
    'teams',
    'brands',
    'conversations',
    'notes',
    'replies',
    'events',
    'sla_policies',
    'team_business_hours',
    'moderation_actions',
    'canned_responses',
    'ideas',
    'praise',
    'campaigns',
    'campaign_draws',
    'campaign_messages',
    'reply_settings',
    'csat_surveys',
  ].map(
    (table) =>
      sql`select row_to_json(t)::text as line from ${sql.table(table)} t where workspace_id = ${acme.workspaceId}`,
  );
  // One round trip: this runs before and after every refused request.
  const result = await sql<{ lines: string }>`select string_agg(line, e'\n' order by line) as lines
    from (${sql.join([...counted, ...dumped], sql` union all `)}) as everything`.execute(api.db);
  return result.rows[0]!.lines;
}

type Answer = Awaited<ReturnType<typeof send>>;

/** Tries each request; reports any that is not a 4xx with a code, or that changed anything. */
async function expectAllRefused(
  attempts: Array<{ label: string; run: () => Promise<Answer>; status?: number; code?: string }>,
) {
  const failures: string[] = [];
  for (const attempt of attempts) {
    const before = await snapshot();
    const answer = await attempt.run();
    const code = answer.json?.error?.code;
    const statusOk = attempt.status
      ? answer.status === attempt.status
      : answer.status >= 400 && answer.status < 500;
    if (!statusOk || !code || (attempt.code && code !== attempt.code)) {
      failures.push(`${attempt.label}: got ${answer.status} ${code ?? answer.text.slice(0, 80)}`);
    } else if ((await snapshot()) !== before) {
      failures.push(`${attempt.label}: refused, but stored data changed`);
    }
  }
  expect(failures).toEqual([]);
}

describe('routes that take a body', () => {
  it('are checked with a snapshot that notices a change (else "nothing changed" proves nothing)', async () => {
    const before = await snapshot();
    const route = routes.find((r) => r.name === 'POST {c}/notes')!;
    expect((await send(route, { body: { body: 'snapshot check' } })).status).toBe(201);
    expect(await snapshot()).not.toBe(before);
  });

  it('all have a valid example here, and it is accepted', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes.filter((r) => !validBodies[r.name]).map((r) => r.name)).toEqual([]);
    for (const route of routes.filter((r) => r.name !== 'POST /api/v1/auth/login')) {
      const answer = await send(route, { body: validBodies[route.name]!(ids) });
      expect(answer.status, `${route.name}: ${answer.text}`).toBeLessThan(300);
    }
  });

  it('refuse unknown fields', async () => {
    await expectAllRefused(
      routes.map((route) => ({
        label: route.name,
        run: () => send(route, { body: { ...validBodies[route.name]!(ids), isAdmin: true } }),
        status: 400,
        code: 'validation_failed',
      })),
    );
  });

  it('refuse a wrong type in any field', async () => {
    const wrong = (value: unknown): unknown =>
      typeof value === 'string'
        ? 12345
        : typeof value === 'number'
          ? '60'
          : Array.isArray(value)
            ? 'one'
            : typeof value === 'boolean'
              ? 'yes'
              : 42;
    await expectAllRefused(
      routes.flatMap((route) => {
        const body = validBodies[route.name]!(ids);
        return Object.keys(body).map((field) => ({
          label: `${route.name} ${field}`,
          run: () => send(route, { body: { ...body, [field]: wrong(body[field]) } }),
          status: 400,
          code: 'validation_failed',
        }));
      }),
    );
  });

  it('refuse empty, null, non-object and malformed bodies', async () => {
    await expectAllRefused(
      routes.flatMap((route) =>
        ['', 'null', '[]', '"text"', '{', '{"a":1}}', '\u0000'].map((rawBody) => ({
          label: `${route.name} ${JSON.stringify(rawBody)}`,
          run: () => send(route, { rawBody }),
          status: 400,
        })),
      ),
    );
  });

  it('refuse a body that is not sent as JSON', async () => {
    await expectAllRefused(
      routes.flatMap((route) =>
        ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'].map(
          (type) => ({
            label: `${route.name} as ${type}`,
            run: () =>
              send(route, {
                rawBody: JSON.stringify(validBodies[route.name]!(ids)),
                headers: { 'content-type': type },
              }),
          }),
        ),
      ),
    );
  });

  it('refuse bodies over 1 MB with 413, before reading them', async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 1) });
    // A review file may be larger: its routes take up to 10 MiB of body.
    const hugeFile = JSON.stringify({ text: 'x'.repeat(10 * 1024 * 1024 + 1) });
    await expectAllRefused(
      routes.map((route) => ({
        label: route.name,
        run: () =>
          send(route, { rawBody: route.name.includes('/reviews/import') ? hugeFile : huge }),
        status: 413,
        code: 'payload_too_large',
      })),
    );
  });

  it('refuse strings longer than their field allows', async () => {
    await expectAllRefused(
      routes.flatMap((route) => {
        const body = validBodies[route.name]!(ids);
        return (
          Object.entries(body)
            .filter(([, value]) => typeof value === 'string' || Array.isArray(value))
            // A review file's text is up to 5 MiB (refused above that in test/api/reviews.test.ts).
            .filter(([field]) => !(route.name.includes('/reviews/import') && field === 'text'))
            .map(([field, value]) => ({
              label: `${route.name} ${field}`,
              run: () =>
                send(route, {
                  body: {
                    ...body,
                    [field]: Array.isArray(value) ? ['k'.repeat(100_001)] : 'y'.repeat(100_001),
                  },
                }),
              status: 400,
              code: 'validation_failed',
            }))
        );
      }),
    );
  });
});

describe('share contest rules', () => {
  it('refuse kinds of share that do not exist, none at all, and account ages out of range', async () => {
    const route = routes.find((r) => r.name === 'POST {ws}/campaigns')!;
    const valid = validBodies[route.name]!(ids);
    const bad: Array<[string, Body]> = [
      ['no kind', { shareKinds: [] }],
      ['a like', { shareKinds: ['like'] }],
      ['a kind in capitals', { shareKinds: ['REPOST'] }],
      ['too many kinds', { shareKinds: ['reply', 'quote', 'repost', 'reply'] }],
      ['null kinds', { shareKinds: null }],
      ['age 0', { minAccountAgeDays: 0 }],
      ['a negative age', { minAccountAgeDays: -3 }],
      ['a fractional age', { minAccountAgeDays: 1.5 }],
      ['an age of centuries', { minAccountAgeDays: 40_000 }],
    ];
    await expectAllRefused(
      bad.map(([label, change]) => ({
        label,
        run: () => send(route, { body: { ...valid, ...change } }),
        status: 400,
        code: 'validation_failed',
      })),
    );
  });
});

describe('path parameters', () => {
  it('refuse ids that are not UUIDs with a 4xx and a code', async () => {
    const bad = [
      'not-a-uuid',
      "1' or '1'='1",
      '..%2F..%2Fetc',
      '%00',
      'x'.repeat(5000),
      '00000000-0000-0000-0000-00000000000g',
    ];
    await expectAllRefused(
      routes.flatMap((route) =>
        [...route.path.matchAll(/\{([^}]+)\}/g)].flatMap(([, name]) =>
          bad.map((value) => ({
            label: `${route.name} {${name}}=${value.slice(0, 20)}`,
            run: () =>
              send(
                route,
                { body: validBodies[route.name]!(ids) },
                urlOf(route, { [name!]: value }),
              ),
          })),
        ),
      ),
    );
  });

  it("answer 404 to another workspace's ids in a path or a body", async () => {
    const theirs = await addMention(api.db, other, { text: 'theirs' });
    const theirTeam = await createTeam(api.db, other.workspaceId, 'Their team');
    const c = `/api/v1/workspaces/${acme.workspaceId}/conversations`;
    await expectAllRefused([
      {
        label: 'their conversation',
        run: () =>
          api.request('POST', `${c}/${theirs.conversationId}/notes`, {
            as: owner,
            body: { body: 'hi' },
          }),
        status: 404,
        code: 'conversation_not_found',
      },
      {
        label: 'their agent',
        run: () =>
          api.request('POST', `${c}/${ids.conversationId}/assign`, {
            as: owner,
            body: { assigneeId: other.users.agent.id },
          }),
        status: 404,
        code: 'user_not_found',
      },
      {
        label: 'their team',
        run: () =>
          api.request('POST', `${c}/${ids.conversationId}/team`, {
            as: owner,
            body: { teamId: theirTeam.id },
          }),
        status: 404,
        code: 'team_not_found',
      },
      {
        label: 'their brand',
        run: () =>
          api.request('PATCH', `/api/v1/workspaces/${acme.workspaceId}/brands/${other.brandId}`, {
            as: owner,
            body: { name: 'Mine now' },
          }),
        status: 404,
        code: 'brand_not_found',
      },
    ]);
  });
});

describe('query strings', () => {
  it('refuse bad inbox filters with a 4xx and a code', async () => {
    const c = `/api/v1/workspaces/${acme.workspaceId}/conversations`;
    await expectAllRefused(
      [
        'brandId=nope',
        'teamId=1',
        'limit=abc',
        'limit=1e9',
        `q=${'w'.repeat(501)}`,
        `cursor=${'c'.repeat(501)}`,
        'view=all&view=mine',
        'status=open,,',
      ].map((query) => ({
        label: query.slice(0, 30),
        run: () => api.request('GET', `${c}?${query}`, { as: owner }),
        status: 400,
      })),
    );
  });
});

describe('text a customer or agent might paste', () => {
  /** The text fields of each body route; an array field gets the text as its one item. */
  const textFields: Record<string, string[]> = {
    'POST /api/v1/auth/login': ['email', 'password'],
    'POST /api/v1/tokens': ['name'],
    'POST /api/v1/workspaces': ['name'],
    'POST {ws}/members': ['name', 'email'],
    'POST {ws}/teams': ['name'],
    'POST {ws}/brands': ['name', 'keywords', 'handles'],
    'PATCH {ws}/brands/{brandId}': ['name', 'keywords', 'handles'],
    'POST {c}/tags': ['tag'],
    'POST {c}/untag': ['tag'],
    'POST {c}/notes': ['body'],
    'POST {c}/replies': ['text'],
    'POST {ws}/sla-policies': ['name'],
    'PUT {ws}/teams/{teamId}/business-hours': ['followTheSunGroup'],
  };

  // Postgres text cannot hold U+0000, and a lone surrogate would be stored as U+FFFD: either
  // must come back exactly as sent, or be refused before anything is stored.
  it.each([
    ['a NUL byte', 'before\u0000after', '%00'],
    ['a lone surrogate', 'half \ud83d face', '%ED%A0%BD'],
  ])('stores %s intact or refuses it with 400, changing nothing', async (_, hostile, inUrl) => {
    const failures: string[] = [];
    let n = 0;
    for (const route of routes.filter((r) => textFields[r.name])) {
      for (const field of textFields[route.name]!) {
        n += 1;
        const value = `${hostile} ${n}`;
        const body = validBodies[route.name]!(ids);
        body[field] = Array.isArray(body[field]) || field === 'handles' ? [value] : value;
        const before = await snapshot();
        const answer = await send(route, { body });
        const intact = answer.text.includes(JSON.stringify(value).slice(1, -1));
        if (answer.status === 400 || answer.status === 401) {
          if (!answer.json?.error?.code) failures.push(`${route.name} ${field}: no error code`);
          else if ((await snapshot()) !== before)
            failures.push(`${route.name} ${field}: refused, but stored data changed`);
        } else if (answer.status >= 300 || !intact) {
          failures.push(`${route.name} ${field}: ${answer.status}${intact ? '' : ' altered'}`);
        }
      }
    }
    for (const query of ['q', 'tag', 'network', 'cursor', 'ids']) {
      const answer = await api.request(
        'GET',
        `/api/v1/workspaces/${acme.workspaceId}/conversations?${query}=a${inUrl}b`,
        { as: owner },
      );
      if (![200, 400].includes(answer.status)) failures.push(`?${query}: ${answer.status}`);
    }
    expect(n).toBeGreaterThanOrEqual(15);
    expect(failures).toEqual([]);
  });
});
