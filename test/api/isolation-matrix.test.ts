import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { roles } from '../../src/domain/roles.ts';
import type { Role } from '../../src/domain/roles.ts';
import { createSlaPolicy } from '../../src/store/sla/sla-policies.repository.ts';
import { createRoutingRule } from '../../src/store/routing/routing-rules.repository.ts';
import { createTeam } from '../../src/store/teams.repository.ts';
import { upsertMembership } from '../../src/store/workspaces.repository.ts';
import { insertAlertDestination } from '../../src/store/alerts/alert-destinations.repository.ts';
import { insertAlert } from '../../src/store/alerts/alerts.repository.ts';
import { insertTag } from '../../src/store/tags.repository.ts';
import { findScorecard, insertScorecard } from '../../src/store/quality/scorecards.repository.ts';
import { seedSentReply } from '../helpers/quality.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import {
  addMention,
  contactOfMention,
  seedCampaign,
  seedCampaignDraw,
  seedCannedResponse,
  seedAwaitingReply,
  seedIdeas,
  seedUser,
  seedWorkspace,
} from '../helpers/seed.ts';
import { insertInvitation } from '../../src/store/invitations.repository.ts';
import { resetTwoFactor } from '../../src/app/two-factor/turn-off-two-factor.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Each test walks every operation of the API (150+) for every role or caller; on a machine running
// the whole suite at once (CI) one walk can take longer than the default 60 s.
vi.setConfig({ testTimeout: 300_000 });

// The isolation and role matrix: every operation of the served OpenAPI document is tried with
// the access rule it declares (x-earshot-access), so a new route is checked the day it exists.

/** The ids of one workspace that path parameters and bodies are filled from. */
interface Ids {
  workspaceId: string;
  conversationId: string;
  brandId: string;
  teamId: string;
  /** A member whose role the role route may change (the viewer). */
  memberId: string;
  /** A member who may be assigned conversations and join teams (the agent). */
  agentId: string;
  /** The workspace's (simulated) channel account. */
  channelId: string;
  /** An SLA policy of the workspace. */
  policyId: string;
  /** The conversation's mention and its author (moderation, ideas, praise). */
  mentionId: string;
  contactId: string;
  cannedResponseId: string;
  /** An idea, and another it may be merged into. */
  ideaId: string;
  spareIdeaId: string;
  /** A reply waiting for approval. */
  replyId: string;
  /** A reply the agent sent, a scorecard and its one criterion (quality review). */
  sentReplyId: string;
  scorecardId: string;
  criterionId: string;
  /** A routing rule of the workspace. */
  ruleId: string;
  /** An alert and an alert destination (an email address). */
  alertId: string;
  destinationId: string;
  /** A tag of the workspace's managed list. */
  tagId: string;
  /** A pending invitation (replaced by a new one after each revocation). */
  invitationId: string;
  /** An agent who is only here to be deactivated (deactivating twice is harmless). */
  leaverId: string;
  /** A share contest of the workspace, and a draw of it. */
  campaignId: string;
  drawId: string;
}

interface Example {
  /** A valid body for this route, built from the ids of the workspace it should name. */
  body?: (ids: Ids) => unknown;
  /** True when the body names other objects by id (tried with another workspace's ids). */
  idsInBody?: boolean;
  /** Puts back what a successful call took away, for the next caller (after every call). */
  restore?: (ids: Ids) => Promise<void>;
}

const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
const ws = '/api/v1/workspaces/{workspaceId}';
const conversation = `${ws}/conversations/{conversationId}`;
/** A one-review file in Earshot's layout (the review import routes). */
const reviewFile = 'id,site,rating,text,posted_at\nm1,yelp,4,Good coffee,2026-03-01';

/** An SLA policy naming the workspace's team twice: as its scope and as where breaches go. */
const slaPolicyExample = (ids: Ids) => ({
  name: unique('Policy'),
  teamId: ids.teamId,
  firstResponseMinutes: 60,
  escalation: { notify: true, reassign: { teamId: ids.teamId }, raisePriorityBy: 10 },
});

/** One valid request per route. A route without an entry fails the matrix until it joins it. */
const examples: Record<string, Example> = {
  'POST /api/v1/auth/logout': {},
  'GET /api/v1/session': {},
  'GET /api/v1/tokens': {},
  'POST /api/v1/tokens': { body: () => ({ name: unique('matrix') }) },
  'DELETE /api/v1/tokens/{tokenId}': {},
  // The same password again: the viewer's password stays as the other calls need it.
  'POST /api/v1/auth/password': {
    body: () => ({
      currentPassword: alpha.users.viewer.password,
      newPassword: alpha.users.viewer.password,
    }),
    // It ended the viewer's other sessions, the one the next route ends among them.
    restore: async () => {
      sessionId = await newViewerSession();
    },
  },
  'GET /api/v1/auth/sessions': {},
  'GET /api/v1/auth/two-factor': {},
  // Each setup replaces the viewer's pending secret: keep the newest for the enable example.
  'POST /api/v1/auth/two-factor/setup': {
    restore: async () => {
      viewerTotpSecret = await newViewerTotpSetup();
    },
  },
  'POST /api/v1/auth/two-factor/enable': {
    body: () => ({ code: totpCode(viewerTotpSecret) }),
    // On for the viewer now: off again (the other calls sign in with the password alone). It
    // ended the viewer's other sessions, the one the sessions route ends among them.
    restore: async () => {
      await resetTwoFactor(api.db, alpha.users.viewer.id);
      viewerTotpSecret = await newViewerTotpSetup();
      sessionId = await newViewerSession();
    },
  },
  // Off already is no error.
  'POST /api/v1/auth/two-factor/disable': {
    body: () => ({ password: alpha.users.viewer.password }),
  },
  // Requiring it would shut out every caller of the next routes: the example turns it off.
  [`PUT ${ws}/two-factor-requirement`]: { body: () => ({ required: false }) },
  'DELETE /api/v1/auth/sessions/{sessionId}': {
    restore: async () => {
      sessionId = await newViewerSession();
    },
  },
  [`GET ${ws}/sso`]: {},
  // Off: the matrix runs with no provider configured, where only "off" is accepted.
  [`PUT ${ws}/sso`]: { body: () => ({ ssoOnly: false }) },
  [`GET ${ws}/invitations`]: {},
  [`DELETE ${ws}/invitations/{invitationId}`]: {
    restore: async (ids) => {
      ids.invitationId = await seedInvitation(ids.workspaceId, alpha.users.owner.id);
    },
  },
  [`GET ${ws}/tokens`]: {},
  [`GET ${ws}/audit-log`]: {},
  [`DELETE ${ws}/tokens/{tokenId}`]: {
    restore: async () => {
      tokenId = await newViewerToken();
    },
  },
  [`POST ${ws}/members/deactivate`]: {
    body: (ids) => ({ userId: ids.leaverId }),
    idsInBody: true,
  },
  'GET /api/v1/workspaces': {},
  'POST /api/v1/workspaces': { body: () => ({ name: unique('Matrix') }) },
  [`GET ${ws}`]: {},
  [`GET ${ws}/members`]: {},
  [`GET ${ws}/setup`]: {},
  [`POST ${ws}/members`]: {
    body: () => ({ email: `${randomUUID()}@example.test`, role: 'agent' }),
  },
  [`PUT ${ws}/members/{userId}/role`]: { body: () => ({ role: 'viewer' }) },
  [`DELETE ${ws}/members/{userId}`]: {
    restore: (ids) =>
      upsertMembership(api.db, {
        workspaceId: ids.workspaceId,
        userId: ids.memberId,
        role: 'viewer',
      }),
  },
  [`GET ${ws}/teams`]: {},
  [`POST ${ws}/teams`]: { body: () => ({ name: unique('Team') }) },
  [`POST ${ws}/teams/{teamId}/members`]: {
    body: (ids) => ({ userId: ids.agentId }),
    idsInBody: true,
  },
  [`GET ${ws}/brands`]: {},
  [`POST ${ws}/brands`]: {
    body: () => ({ name: unique('Brand'), keywords: ['matrix'] }),
  },
  [`PATCH ${ws}/brands/{brandId}`]: {
    body: () => ({ keywords: ['acme', 'matrix'] }),
  },
  [`GET ${ws}/conversations`]: {},
  [`GET ${ws}/inbox-counts`]: {},
  [`GET ${conversation}`]: {},
  [`POST ${conversation}/status`]: { body: () => ({ status: 'open' }) },
  [`POST ${conversation}/assign`]: {
    body: (ids) => ({ assigneeId: ids.agentId }),
    idsInBody: true,
  },
  [`POST ${conversation}/team`]: {
    body: (ids) => ({ teamId: ids.teamId }),
    idsInBody: true,
  },
  [`POST ${conversation}/priority`]: { body: () => ({ priority: 40 }) },
  [`POST ${ws}/conversations/bulk`]: {
    body: (ids) => ({
      conversationIds: [ids.conversationId],
      action: { type: 'assign', assigneeId: ids.agentId },
    }),
    idsInBody: true,
  },
  [`POST ${conversation}/tags`]: { body: () => ({ tag: 'matrix' }) },
  [`POST ${conversation}/untag`]: { body: () => ({ tag: 'matrix' }) },
  [`GET ${ws}/reviews/import/templates`]: {},
  [`POST ${ws}/reviews/import/preview`]: { body: () => ({ text: reviewFile }) },
  // The same file each time: every caller after the first adds nothing (the import is idempotent).
  [`POST ${ws}/reviews/import`]: {
    body: () => ({ fileName: 'matrix.csv', text: reviewFile, template: 'earshot' }),
  },
  [`POST ${conversation}/answered-elsewhere`]: {
    body: () => ({ note: 'answered on the network' }),
    // Once answered, nothing waits: the next caller needs a conversation waiting again.
    restore: async (ids) => {
      await api.db
        .updateTable('conversations')
        .set({ needs_reply: true })
        .where('id', '=', ids.conversationId)
        .execute();
    },
  },
  [`POST ${conversation}/notes`]: {
    body: () => ({ body: 'A note from the matrix' }),
  },
  [`GET ${conversation}/customer-history`]: {},
  [`GET ${ws}/contacts`]: {},
  // The contact is the same person as itself: linking changes nothing and answers 200.
  [`POST ${ws}/contacts/{contactId}/same-person`]: {
    body: (ids) => ({ contactId: ids.contactId }),
    idsInBody: true,
  },
  [`DELETE ${ws}/contacts/{contactId}/same-person`]: {},
  [`GET ${ws}/contacts/{contactId}/export`]: {},
  // Erasing cannot be undone (a second request answers 409), and it cancels the unsent reply
  // waiting for approval: the next caller gets both back.
  [`POST ${ws}/contacts/{contactId}/erase`]: {
    body: () => ({ reason: 'The customer asked by email' }),
    restore: async (ids) => {
      await api.db
        .updateTable('contacts')
        .set({ erased_at: null })
        .where('id', '=', ids.contactId)
        .execute();
      await api.db
        .updateTable('replies')
        .set({ status: 'awaiting_approval', error: null })
        .where('id', '=', ids.replyId)
        .where('status', '=', 'rejected')
        .execute();
      await api.db
        .updateTable('reply_approvals')
        .set({ decision: null, decided_at: null, rejection_reason: null })
        .where('reply_id', '=', ids.replyId)
        .where('decision', '=', 'rejected')
        .execute();
    },
  },
  [`GET ${ws}/note-mentions`]: {},
  [`POST ${ws}/note-mentions/seen`]: {
    body: (ids) => ({ conversationId: ids.conversationId }),
    idsInBody: true,
  },
  [`POST ${conversation}/replies`]: {
    body: () => ({ text: 'Thanks, we are on it.' }),
  },
  [`GET ${ws}/channels`]: {},
  [`POST ${ws}/channels`]: {
    body: (ids) => ({
      network: 'webhook',
      brandId: ids.brandId,
      name: unique('Form'),
      credentials: {
        name: 'Matrix form',
        secret: 'matrix-secret-0123456789abcdef0123',
      },
    }),
    idsInBody: true,
  },
  [`PATCH ${ws}/channels/{channelId}`]: { body: () => ({ name: unique('Renamed') }) },
  [`POST ${ws}/channels/{channelId}/test`]: {},
  [`POST ${ws}/channels/{channelId}/pause`]: {},
  [`POST ${ws}/channels/{channelId}/resume`]: {},
  // The document lists DELETE beside PATCH, before the account's other routes: put it back.
  [`DELETE ${ws}/channels/{channelId}`]: {
    restore: async (ids) => {
      await api.db
        .updateTable('channel_accounts')
        .set({ removed_at: null })
        .where('id', '=', ids.channelId)
        .execute();
    },
  },
  [`GET ${ws}/mentions/{mentionId}/triage`]: {},
  [`POST ${ws}/mentions/{mentionId}/triage/corrections`]: {
    body: () => ({ sentiment: 'negative', intent: 'get_refund' }),
  },
  [`GET ${ws}/triage-corrections/report`]: {},
  [`GET ${ws}/triage-corrections/export`]: {},
  [`GET ${ws}/rejected-records`]: {},
  // Public: a delivery proves itself by the account's signature (test/api/hooks.test.ts).
  'GET /hooks/{channelId}': {},
  'POST /hooks/{channelId}': {},
  // Moderation: each action is idempotent, so every role may repeat it.
  [`POST ${ws}/mentions/{mentionId}/hide`]: { body: () => ({ reason: 'spam', note: 'matrix' }) },
  [`POST ${ws}/mentions/{mentionId}/unhide`]: { body: () => ({ note: 'not spam after all' }) },
  [`POST ${ws}/contacts/{contactId}/block`]: { body: () => ({ reason: 'abuse' }) },
  [`POST ${ws}/contacts/{contactId}/unblock`]: { body: () => ({ note: 'apologised' }) },
  [`GET ${ws}/moderation`]: {},
  [`GET ${ws}/canned-responses`]: {},
  [`POST ${ws}/canned-responses`]: {
    body: (ids) => ({ name: unique('Refund'), body: 'Hi {{customer.name}}', teamId: ids.teamId }),
    idsInBody: true,
  },
  [`PATCH ${ws}/canned-responses/{cannedResponseId}`]: {
    body: () => ({ body: 'Hello {{customer.name}}, {{agent.firstName}} here' }),
  },
  [`POST ${ws}/canned-responses/{cannedResponseId}/render`]: {
    body: (ids) => ({ conversationId: ids.conversationId }),
    idsInBody: true,
  },
  [`GET ${ws}/ideas`]: {},
  [`POST ${ws}/ideas`]: {
    body: (ids) => ({ title: unique('Idea'), mentionIds: [ids.mentionId] }),
    idsInBody: true,
  },
  [`GET ${ws}/ideas/{ideaId}`]: {},
  [`POST ${ws}/ideas/{ideaId}/mentions`]: {
    body: (ids) => ({ mentionIds: [ids.mentionId] }),
    idsInBody: true,
  },
  [`POST ${ws}/ideas/{ideaId}/vote`]: {},
  [`DELETE ${ws}/ideas/{ideaId}/vote`]: {},
  [`POST ${ws}/ideas/{ideaId}/status`]: { body: () => ({ status: 'under_review' }) },
  [`GET ${ws}/ideas/{ideaId}/notices`]: {},
  // Comes right after the status route: the idea is under review. The first caller tells the
  // customer; the others find them told already (200, nothing sent twice).
  [`POST ${ws}/ideas/{ideaId}/notices`]: {
    body: (ids) => ({
      status: 'under_review',
      notices: [{ conversationId: ids.conversationId, text: 'We are looking into it' }],
    }),
    idsInBody: true,
  },
  [`GET ${ws}/idea-notice-templates`]: {},
  [`PUT ${ws}/idea-notice-templates`]: {
    body: () => ({ planned: 'Planned: {{idea.title}}', done: null }),
  },
  // Merging again into the same idea answers 200 (done already).
  [`POST ${ws}/ideas/{ideaId}/merge`]: {
    body: (ids) => ({ intoIdeaId: ids.spareIdeaId }),
    idsInBody: true,
  },
  [`GET ${ws}/praise`]: {},
  [`POST ${ws}/praise`]: {
    body: (ids) => ({ mentionId: ids.mentionId, note: 'lovely' }),
    idsInBody: true,
  },
  [`GET ${ws}/campaigns`]: {},
  [`POST ${ws}/campaigns`]: {
    body: (ids) => ({
      name: unique('Giveaway'),
      brandId: ids.brandId,
      posts: [{ network: 'bluesky', externalId: 'at://brand/app.bsky.feed.post/1' }],
      startsAt: '2026-06-01T00:00:00Z',
      endsAt: '2026-06-08T00:00:00Z',
      shareKinds: ['reply', 'quote', 'repost'],
      minAccountAgeDays: 7,
    }),
    idsInBody: true,
  },
  [`GET ${ws}/campaigns/{campaignId}`]: {},
  [`POST ${ws}/campaigns/{campaignId}/draws`]: {
    body: () => ({ method: 'random', winners: 1, seed: 'published' }),
  },
  [`GET ${ws}/campaigns/{campaignId}/draws/{drawId}/messages`]: {},
  // Sending again answers 200: the winner's post was never heard, recorded once as not sent.
  [`POST ${ws}/campaigns/{campaignId}/draws/{drawId}/announcement`]: {
    body: () => ({ text: 'Our winner is @winner.test!' }),
  },
  [`POST ${ws}/campaigns/{campaignId}/draws/{drawId}/winner-messages`]: {
    body: () => ({ messages: [{ recipient: 'did:plc:winner', text: 'You won!' }] }),
  },
  [`GET ${ws}/reply-settings`]: {},
  [`PUT ${ws}/reply-settings`]: {
    body: (ids) => ({ approvalUserIds: [ids.agentId], approveToneFlagged: true }),
    idsInBody: true,
  },
  [`GET ${ws}/approvals`]: {},
  // Approving again answers 200 (decided already).
  [`POST ${ws}/replies/{replyId}/approval`]: { body: () => ({ decision: 'approve' }) },
  // The approval above queued the reply: retrying one already queued answers 200 as it is.
  [`POST ${ws}/replies/{replyId}/retry`]: {},
  [`GET ${ws}/csat`]: {},
  [`GET ${ws}/alerts`]: {},
  [`POST ${ws}/alerts/{alertId}/acknowledge`]: {},
  [`GET ${ws}/alert-destinations`]: {},
  [`POST ${ws}/alert-destinations`]: {
    body: () => ({ kind: 'email', address: 'leads@example.test' }),
  },
  [`POST ${ws}/alert-destinations/{destinationId}/test`]: {},
  [`GET ${ws}/alert-destinations/{destinationId}/deliveries`]: {},
  [`PATCH ${ws}/alert-destinations/{destinationId}`]: { body: () => ({ enabled: true }) },
  // Removing again answers 204 (removed already); the destination's other routes come first.
  [`DELETE ${ws}/alert-destinations/{destinationId}`]: {},
  [`GET ${conversation}/presence`]: {},
  [`POST ${conversation}/presence`]: { body: () => ({ state: 'viewing' }) },
  [`GET ${ws}/routing/rules`]: {},
  [`POST ${ws}/routing/rules`]: {
    body: (ids) => ({
      name: unique('Rule'),
      when: [{ field: 'complaint', is: true }],
      then: { teamId: ids.teamId, tags: ['matrix'] },
    }),
    idsInBody: true,
  },
  [`PUT ${ws}/routing/order`]: { body: (ids) => ({ ruleIds: [ids.ruleId] }), idsInBody: true },
  [`PATCH ${ws}/routing/rules/{ruleId}`]: {
    body: (ids) => ({ then: { teamId: ids.teamId, priority: 60 } }),
    idsInBody: true,
  },
  // Removing twice answers 204 again (the admin removes it, then the owner).
  [`DELETE ${ws}/routing/rules/{ruleId}`]: {},
  [`GET ${ws}/routing/categories`]: {},
  [`PUT ${ws}/routing/categories`]: {
    body: (ids) => ({ categoryTeams: { REFUND: ids.teamId } }),
    idsInBody: true,
  },
  [`POST ${ws}/routing/dry-run`]: { body: () => ({ text: 'I want a refund for my flight' }) },
  [`GET ${ws}/routing/agents`]: {},
  [`PUT ${ws}/members/me/availability`]: { body: () => ({ available: true }) },
  [`PUT ${ws}/members/{userId}/routing`]: { body: () => ({ maxOpen: 5, skills: ['refunds'] }) },
  [`GET ${conversation}/routing`]: {},
  [`GET ${ws}/sla-policies`]: {},
  [`POST ${ws}/sla-policies`]: { body: slaPolicyExample, idsInBody: true },
  [`PUT ${ws}/sla-policies/{policyId}`]: { body: slaPolicyExample, idsInBody: true },
  // Removing twice answers 204 again (the admin removes it, then the owner).
  [`DELETE ${ws}/sla-policies/{policyId}`]: {},
  [`GET ${ws}/teams/{teamId}/business-hours`]: {},
  [`PUT ${ws}/teams/{teamId}/business-hours`]: {
    body: () => ({
      timeZone: 'Europe/Berlin',
      week: { monday: [{ start: '09:00', end: '17:00' }] },
      holidays: ['2026-12-25'],
      acknowledgement: 'Thanks for writing! A person answers {{opensAt}}.',
    }),
  },
  [`GET ${conversation}/sla`]: {},
  [`POST ${conversation}/follow-up`]: { body: () => ({ dueAt: '2099-01-01T09:00:00Z' }) },
  'GET /api/v1/events': {},
  [`GET ${ws}/reports/responses`]: {},
  [`GET ${ws}/reports/flow`]: {},
  [`GET ${ws}/reports/volume`]: {},
  [`GET ${ws}/reports/daily`]: {},
  [`GET ${ws}/reports/heat-map`]: {},
  [`GET ${ws}/reports/sentiment`]: {},
  [`GET ${ws}/reports/sla`]: {},
  [`GET ${ws}/reports/csat`]: {},
  [`GET ${ws}/reports/ideas`]: {},
  [`GET ${ws}/reports/competitors`]: {},
  [`GET ${ws}/reports/topics`]: {},
  [`GET ${ws}/reports/sentiment-change`]: {},
  [`GET ${ws}/reports/reviews`]: {},
  [`GET ${ws}/tags`]: {},
  [`POST ${ws}/tags`]: { body: () => ({ name: unique('tag'), color: '#1f77b4' }) },
  [`PATCH ${ws}/tags/{tagId}`]: { body: () => ({ name: unique('renamed') }) },
  // Removing again answers 204 (removed already); the tag's change comes first.
  [`DELETE ${ws}/tags/{tagId}`]: {},
  [`GET ${ws}/reports/quality`]: {},
  [`GET ${ws}/quality/settings`]: {},
  [`PUT ${ws}/quality/settings`]: { body: () => ({ samplePerAgent: 3 }) },
  [`GET ${ws}/quality/scorecards`]: {},
  [`POST ${ws}/quality/scorecards`]: {
    body: () => ({ name: unique('Scorecard'), criteria: [{ name: 'Tone', weight: 1 }] }),
  },
  // Archived: current again for the next caller (and for the review below).
  [`DELETE ${ws}/quality/scorecards/{scorecardId}`]: {
    restore: async (ids) => {
      await api.db
        .updateTable('quality_scorecards')
        .set({ archived_at: null })
        .where('id', '=', ids.scorecardId)
        .execute();
    },
  },
  [`GET ${ws}/quality/queue`]: {},
  // A reply is reviewed once: the review goes again so the next caller may make it.
  [`POST ${ws}/quality/reviews`]: {
    body: (ids) => ({
      replyId: ids.sentReplyId,
      scorecardId: ids.scorecardId,
      scores: [{ criterionId: ids.criterionId, score: 4 }],
    }),
    idsInBody: true,
    restore: async (ids) => {
      await api.db.deleteFrom('quality_reviews').where('reply_id', '=', ids.sentReplyId).execute();
    },
  },
  [`GET ${ws}/quality/reviews`]: {},
};

interface Operation {
  name: string;
  method: string;
  path: string;
  access: string;
  hasBody: boolean;
  queryWorkspace: boolean;
}

let api: TestApi;
let operations: Operation[];
let alpha: SeededWorkspace;
let beta: SeededWorkspace;
let alphaIds: Ids;
let betaIds: Ids;
const alphaCallers = {} as Record<Role, Caller>;
/** The same members calling with personal API tokens instead of cookie sessions. */
const alphaBearers = {} as Record<Role, Caller>;
let betaOwner: Caller;
/** A token of Alpha's viewer, for the token route's path. */
let tokenId: string;
/** A session of Alpha's viewer, for the session route's path. */
let sessionId: string;
/** The TOTP secret of the viewer's pending two-factor setup, for the enable route's code. */
let viewerTotpSecret = '';

async function newViewerTotpSetup(): Promise<string> {
  const setup = await api.request('POST', '/api/v1/auth/two-factor/setup', {
    as: await api.login(alpha.users.viewer),
  });
  return setup.json.secret as string;
}

const totpCode = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate();

async function newViewerToken(): Promise<string> {
  const token = await api.request('POST', '/api/v1/tokens', {
    as: await api.login(alpha.users.viewer),
    body: { name: 'matrix path' },
  });
  return token.json.id as string;
}

async function newViewerSession(): Promise<string> {
  const caller = await api.login(alpha.users.viewer);
  const sessions = await api.request('GET', '/api/v1/auth/sessions', { as: caller });
  return (sessions.json.items as Array<{ id: string; current: boolean }>).find((s) => s.current)!
    .id;
}

async function seedInvitation(workspaceId: string, invitedBy: string): Promise<string> {
  const invitation = await insertInvitation(api.db, {
    workspaceId,
    email: `${randomUUID()}@example.test`,
    name: null,
    role: 'agent',
    tokenHash: randomUUID(),
    invitedBy,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return invitation.id;
}

async function idsOf(seeded: SeededWorkspace, name: string): Promise<Ids> {
  const { conversationId, mentionId } = await addMention(api.db, seeded, {
    text: `${name} is down again`,
  });
  const team = await createTeam(api.db, seeded.workspaceId, `${name} Support`);
  return {
    workspaceId: seeded.workspaceId,
    conversationId,
    brandId: seeded.brandId,
    teamId: team.id,
    memberId: seeded.users.viewer.id,
    agentId: seeded.users.agent.id,
    channelId: seeded.channelAccountId,
    policyId: (
      await createSlaPolicy(
        api.db,
        seeded.workspaceId,
        {
          name: `${name} first response`,
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
      )
    ).id,
    mentionId,
    contactId: await contactOfMention(api.db, mentionId),
    cannedResponseId: await seedCannedResponse(api.db, seeded, team.id),
    ...(await seedIdeas(api.db, seeded, mentionId)),
    replyId: await seedAwaitingReply(api.db, seeded, conversationId),
    ...(await seedReviewable(seeded, conversationId)),
    ...(await seedAlert(api.db, seeded, conversationId)),
    ruleId: (
      await createRoutingRule(
        api.db,
        seeded.workspaceId,
        {
          name: `${name} refunds`,
          enabled: true,
          when: [{ field: 'keywords', any: ['refund'] }],
          then: { teamId: team.id },
        },
        new Date(),
      )
    ).id,
    tagId: (
      await insertTag(
        api.db,
        seeded.workspaceId,
        { name: `${name} vip`, color: null, description: null },
        new Date(),
      )
    ).id,
    invitationId: await seedInvitation(seeded.workspaceId, seeded.users.owner.id),
    leaverId: await seedLeaver(seeded),
    ...(await seedCampaignWithDraw(seeded, name)),
  };
}

/** A share contest and a recorded draw of it. */
async function seedCampaignWithDraw(seeded: SeededWorkspace, name: string) {
  const campaignId = await seedCampaign(api.db, seeded, `${name} giveaway`);
  return { campaignId, drawId: await seedCampaignDraw(api.db, seeded, campaignId) };
}

/** A reply the agent sent, and a one-criterion scorecard to review it with. */
async function seedReviewable(seeded: SeededWorkspace, conversationId: string) {
  const { replyId } = await seedSentReply(api.db, seeded, {
    authorId: seeded.users.agent.id,
    sentAt: new Date(),
    conversationId,
  });
  const scorecardId = await insertScorecard(api.db, {
    workspaceId: seeded.workspaceId,
    name: 'Matrix scorecard',
    criteria: [{ name: 'Tone', weight: 1 }],
    createdBy: seeded.users.admin.id,
    now: new Date(),
  });
  const card = await findScorecard(api.db, seeded.workspaceId, scorecardId);
  return { sentReplyId: replyId, scorecardId, criterionId: card!.criteria[0]!.id };
}

async function seedLeaver(seeded: SeededWorkspace): Promise<string> {
  const leaver = await seedUser(api.db, 'Leaver');
  await upsertMembership(api.db, {
    workspaceId: seeded.workspaceId,
    userId: leaver.id,
    role: 'agent',
  });
  return leaver.id;
}

async function seedAlert(db: TestApi['db'], seeded: SeededWorkspace, conversationId: string) {
  const destination = await insertAlertDestination(db, {
    workspaceId: seeded.workspaceId,
    kind: 'email',
    target: 'leads@example.test',
    secretEncrypted: null,
    enabled: true,
    now: new Date(),
  });
  const alert = await insertAlert(db, {
    workspaceId: seeded.workspaceId,
    kind: 'sla_breach',
    dedupeKey: `matrix:${conversationId}`,
    conversationId,
    summary: 'SLA breached',
    data: {},
    createdAt: new Date(),
  });
  return { alertId: alert!.id, destinationId: destination.id };
}

beforeAll(async () => {
  api = await createTestApi();
  const document = (await api.request('GET', '/api/openapi.json')).json as unknown as {
    paths: Record<
      string,
      Record<
        string,
        {
          'x-earshot-access'?: string;
          requestBody?: unknown;
          parameters?: Array<{ name: string; in: string }>;
        }
      >
    >;
  };
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      name: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      access: op['x-earshot-access'] ?? 'missing',
      hasBody: op.requestBody !== undefined,
      queryWorkspace: (op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'workspace'),
    })),
  );
  alpha = await seedWorkspace(api.db, 'Alpha');
  beta = await seedWorkspace(api.db, 'Beta');
  alphaIds = await idsOf(alpha, 'Alpha');
  betaIds = await idsOf(beta, 'Beta');
  for (const role of roles) alphaCallers[role] = await api.login(alpha.users[role]);
  betaOwner = await api.login(beta.users.owner);
  for (const role of roles) {
    const created = await api.request('POST', '/api/v1/tokens', {
      as: alphaCallers[role],
      body: { name: `matrix ${role}` },
    });
    alphaBearers[role] = { bearer: created.json.token as string };
  }
  const token = await api.request('POST', '/api/v1/tokens', {
    as: alphaCallers.viewer,
    body: { name: 'matrix path' },
  });
  tokenId = token.json.id as string;
  sessionId = await newViewerSession();
  viewerTotpSecret = await newViewerTotpSetup();
});
afterAll(async () => api?.close());

const guarded = () => operations.filter((op) => op.access !== 'public');
const scoped = () => operations.filter((op) => op.access.startsWith('workspace:'));
const requiredRole = (op: Operation) => op.access.slice('workspace:'.length) as Role;

function fillPath(op: Operation, ids: Ids): string {
  const values: Record<string, string> = {
    workspaceId: ids.workspaceId,
    conversationId: ids.conversationId,
    brandId: ids.brandId,
    teamId: ids.teamId,
    userId: ids.memberId,
    channelId: ids.channelId,
    policyId: ids.policyId,
    mentionId: ids.mentionId,
    contactId: ids.contactId,
    cannedResponseId: ids.cannedResponseId,
    ideaId: ids.ideaId,
    replyId: ids.replyId,
    scorecardId: ids.scorecardId,
    alertId: ids.alertId,
    destinationId: ids.destinationId,
    ruleId: ids.ruleId,
    tagId: ids.tagId,
    campaignId: ids.campaignId,
    drawId: ids.drawId,
    invitationId: ids.invitationId,
    tokenId,
    sessionId,
  };
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`${op.name}: the matrix cannot fill {${name}}`);
    return value;
  });
  return op.queryWorkspace ? `${path}?workspace=${ids.workspaceId}` : path;
}

/** Calls one route; an event stream is read up to its first event and closed. */
async function call(
  op: Operation,
  as: Caller | undefined,
  pathIds: Ids,
  bodyIds: Ids = pathIds,
  withCsrf = true,
): Promise<{ status: number; code: string | undefined }> {
  const headers: Record<string, string> = {};
  const body = examples[op.name]?.body?.(bodyIds);
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (as?.cookie) headers.cookie = as.cookie;
  if (as?.csrfToken && withCsrf && op.method !== 'GET') headers['x-csrf-token'] = as.csrfToken;
  if (as?.bearer) headers.authorization = `Bearer ${as.bearer}`;
  const response = await api.app.request(fillPath(op, pathIds), {
    method: op.method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.ok) await examples[op.name]?.restore?.(pathIds);
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    return { status: response.status, code: undefined };
  }
  const text = await response.text();
  const json = text ? (JSON.parse(text) as { error?: { code?: string } }) : undefined;
  return { status: response.status, code: json?.error?.code };
}

const workspaceTables = [
  'workspaces',
  'memberships',
  'teams',
  'brands',
  'channel_accounts',
  'contacts',
  'contact_identities',
  'conversations',
  'mentions',
  'replies',
  'notes',
  'tags',
  'events',
  'sla_policies',
  'team_business_hours',
  'sla_escalations',
  'moderation_actions',
  'canned_responses',
  'ideas',
  'idea_mentions',
  'idea_votes',
  'praise',
  'campaigns',
  'campaign_posts',
  'campaign_draws',
  'campaign_messages',
  'reposts',
  'reply_settings',
  'reply_approvals',
  'csat_surveys',
  'routing_rules',
  'routing_category_teams',
  'triage_corrections',
  'alerts',
  'alert_destinations',
  'alert_deliveries',
  'note_mentions',
  'quality_settings',
  'quality_scorecards',
  'quality_reviews',
];

/** Every stored row of both workspaces, as text: equal snapshots mean nothing changed. */
async function snapshot(): Promise<string[]> {
  const ids = [alpha.workspaceId, beta.workspaceId];
  const rows: string[] = [];
  for (const table of workspaceTables) {
    const column = table === 'workspaces' ? 'id' : 'workspace_id';
    const result = await sql<{
      row: string;
    }>`select row_to_json(t)::text as row from ${sql.table(
      table,
    )} t where ${sql.ref(column)} = any(${ids}::uuid[])`.execute(api.db);
    rows.push(...result.rows.map((r) => `${table} ${r.row}`));
  }
  const members = await sql<{ row: string }>`select row_to_json(m)::text as row
    from team_members m join teams t on t.id = m.team_id
    where t.workspace_id = any(${ids}::uuid[])`.execute(api.db);
  rows.push(...members.rows.map((r) => `team_members ${r.row}`));
  return rows.sort();
}

/** Runs a refused call and reports it unless it answers as expected and stores nothing. */
async function expectRefused(
  failures: string[],
  label: string,
  expected: (answer: { status: number; code: string | undefined }) => boolean,
  attempt: () => Promise<{ status: number; code: string | undefined }>,
): Promise<void> {
  const before = await snapshot();
  const answer = await attempt();
  if (!expected(answer)) failures.push(`${label}: got ${answer.status} ${answer.code ?? ''}`);
  else if (JSON.stringify(await snapshot()) !== JSON.stringify(before))
    failures.push(`${label}: refused, but stored data changed`);
}

describe('the route list', () => {
  it('reads every operation from the document, each with an example request', () => {
    expect(scoped().length).toBeGreaterThanOrEqual(15);
    const missing = guarded()
      .filter((op) => !(op.name in examples) || (op.hasBody && !examples[op.name]!.body))
      .map((op) => op.name);
    expect(missing, 'add a valid example request for each of these routes').toEqual([]);
    const stale = Object.keys(examples).filter((name) => !operations.some((o) => o.name === name));
    expect(stale, 'examples for routes the document no longer has').toEqual([]);
    expect(operations.filter((op) => op.access === 'missing').map((op) => op.name)).toEqual([]);
    const unnamed = scoped().filter(
      (op) => !op.path.includes('{workspaceId}') && !op.queryWorkspace,
    );
    expect(
      unnamed.map((op) => op.name),
      'workspace routes must name their workspace',
    ).toEqual([]);
  });

  it('has a snapshot that notices a change (else "changing nothing" would prove nothing)', async () => {
    const before = await snapshot();
    const note = await api.request(
      'POST',
      `/api/v1/workspaces/${beta.workspaceId}/conversations/${betaIds.conversationId}/notes`,
      { as: betaOwner, body: { body: 'snapshot check' } },
    );
    expect(note.status).toBe(201);
    expect(await snapshot()).not.toEqual(before);
  });
});

const isNotFound = (answer: { status: number; code: string | undefined }) =>
  answer.status === 404 && Boolean(answer.code?.endsWith('_not_found'));

describe('workspace routes', () => {
  it("answer a member of another workspace with 404 on the other workspace's ids, changing nothing", async () => {
    const failures: string[] = [];
    for (const op of scoped()) {
      await expectRefused(
        failures,
        op.name,
        (a) => a.status === 404 && a.code === 'workspace_not_found',
        () => call(op, betaOwner, alphaIds),
      );
    }
    expect(failures).toEqual([]);
  });

  it("answer 404 when one's own workspace path names another workspace's objects", async () => {
    const failures: string[] = [];
    // Beta's workspace in the path, Alpha's conversation, brand, team or member beside it.
    const mixed: Ids = {
      ...alphaIds,
      workspaceId: beta.workspaceId,
      agentId: betaIds.agentId,
    };
    const withObjects = scoped().filter((op) => /\{(?!workspaceId\})/.test(op.path));
    expect(withObjects.length).toBeGreaterThanOrEqual(10);
    for (const op of withObjects) {
      await expectRefused(failures, op.name, isNotFound, () => call(op, betaOwner, mixed, betaIds));
    }
    expect(failures).toEqual([]);
  });

  it('answer 404 when a body names a user or team of another workspace', async () => {
    const failures: string[] = [];
    const withIds = scoped().filter((op) => examples[op.name]?.idsInBody);
    expect(withIds.length).toBeGreaterThanOrEqual(3);
    for (const op of withIds) {
      await expectRefused(failures, op.name, isNotFound, () =>
        call(op, alphaCallers.owner, alphaIds, betaIds),
      );
    }
    expect(failures).toEqual([]);
  });

  it('answer 403 forbidden to every role below the one required, by session or by API token, changing nothing', async () => {
    const failures: string[] = [];
    for (const op of scoped()) {
      const below = roles.slice(0, roles.indexOf(requiredRole(op)));
      for (const role of below) {
        for (const [how, caller] of [
          ['session', alphaCallers[role]],
          ['token', alphaBearers[role]],
        ] as const) {
          await expectRefused(
            failures,
            `${op.name} as ${role} (${how})`,
            (a) => a.status === 403 && a.code === 'forbidden',
            () => call(op, caller, alphaIds),
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('let the required role and every higher one through, by session or by API token', async () => {
    const failures: string[] = [];
    for (const op of scoped()) {
      for (const role of roles.slice(roles.indexOf(requiredRole(op)))) {
        for (const [how, caller] of [
          ['session', alphaCallers[role]],
          ['token', alphaBearers[role]],
        ] as const) {
          const answer = await call(op, caller, alphaIds);
          if (answer.status < 200 || answer.status > 299)
            failures.push(
              `${op.name} as ${role} (${how}): got ${answer.status} ${answer.code ?? ''}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('routes that need a login', () => {
  it('answer 401 without credentials, with an unknown token or session, changing nothing', async () => {
    const failures: string[] = [];
    const strangers: Array<[string, Caller | undefined]> = [
      ['nobody', undefined],
      ['unknown API token', { bearer: `esk_${'x'.repeat(43)}` }],
      ['unknown session', { cookie: `earshot_session=ess_${'y'.repeat(43)}`, csrfToken: 'z' }],
    ];
    for (const op of guarded()) {
      for (const [who, caller] of strangers) {
        await expectRefused(
          failures,
          `${op.name} as ${who}`,
          (a) => a.status === 401 && a.code === 'unauthenticated',
          () => call(op, caller, alphaIds),
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuse cookie-session writes without the CSRF token, changing nothing', async () => {
    const failures: string[] = [];
    for (const op of guarded().filter((o) => o.method !== 'GET')) {
      await expectRefused(
        failures,
        op.name,
        (a) => a.status === 403 && a.code === 'csrf_failed',
        () => call(op, alphaCallers.owner, alphaIds, alphaIds, false),
      );
    }
    expect(failures).toEqual([]);
  });

  it('let any logged-in user use the user routes', async () => {
    const failures: string[] = [];
    for (const op of guarded().filter((o) => o.access === 'user')) {
      // A fresh session each time: one of these routes logs out.
      const caller = await api.login(alpha.users.viewer);
      const answer = await call(op, caller, alphaIds);
      if (answer.status < 200 || answer.status > 299)
        failures.push(`${op.name}: got ${answer.status} ${answer.code ?? ''}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('one user, one workspace, never another', () => {
  it("cannot revoke another user's API token", async () => {
    const created = await api.request('POST', '/api/v1/tokens', {
      as: alphaCallers.agent,
      body: { name: 'agent script' },
    });
    const revoke = await api.request('DELETE', `/api/v1/tokens/${created.json.id as string}`, {
      as: betaOwner,
    });
    expect(revoke.status).toBe(404);
    expect(revoke.json.error?.code).toBe('token_not_found');
    const still = await api.request('GET', '/api/v1/session', {
      as: { bearer: created.json.token as string },
    });
    expect(still.status).toBe(200);
  });

  it("never lists another workspace in one's workspaces or session", async () => {
    for (const path of ['/api/v1/workspaces', '/api/v1/session']) {
      const answer = await api.request('GET', path, { as: betaOwner });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(beta.workspaceId);
      expect(answer.text).not.toContain(alpha.workspaceId);
    }
  });

  it("shows nothing of another workspace when the inbox is filtered by that workspace's brand or team", async () => {
    for (const filter of [`brandId=${beta.brandId}`, `teamId=${betaIds.teamId}`]) {
      const answer = await api.request(
        'GET',
        `/api/v1/workspaces/${alpha.workspaceId}/conversations?${filter}&status=new,open,pending,snoozed,resolved`,
        { as: alphaCallers.owner },
      );
      expect(answer.status).toBe(200);
      expect(answer.json.items).toEqual([]);
    }
    const own = await api.request('GET', `/api/v1/workspaces/${beta.workspaceId}/conversations`, {
      as: betaOwner,
    });
    expect((own.json.items as Array<{ id: string }>).map((item) => item.id)).toEqual([
      betaIds.conversationId,
    ]);
  });
});
