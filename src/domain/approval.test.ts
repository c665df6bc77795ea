import { describe, expect, it } from 'vitest';
import { approvalReasons, decideApproval, replyToneFlags } from './approval.ts';
import type { ToneFlag } from './tone-check.ts';

const flag: ToneFlag = { code: 'blame', message: 'blames', suggestion: 'own it' };

describe('which replies need approval', () => {
  it('names the chosen agents and tone-flagged replies, each only when the policy says so', () => {
    const policy = { approvalUserIds: ['new-agent'], approveToneFlagged: true };
    expect(approvalReasons(policy, 'new-agent', [])).toEqual(['agent']);
    expect(approvalReasons(policy, 'senior', [flag])).toEqual(['tone']);
    expect(approvalReasons(policy, 'new-agent', [flag])).toEqual(['agent', 'tone']);
    expect(approvalReasons(policy, 'senior', [])).toEqual([]);
  });

  it('lets everything through under the default policy', () => {
    const none = { approvalUserIds: [], approveToneFlagged: false };
    expect(approvalReasons(none, 'anyone', [flag])).toEqual([]);
  });
});

describe("a lead's decision", () => {
  it('queues an approved reply and keeps a rejected one unsent, with a reason', () => {
    expect(decideApproval('awaiting_approval', null, { decision: 'approve' })).toEqual({
      ok: true,
      status: 'queued',
      changed: true,
    });
    expect(
      decideApproval('awaiting_approval', null, { decision: 'reject', reason: 'too curt' }),
    ).toEqual({ ok: true, status: 'rejected', changed: true });
    expect(
      decideApproval('awaiting_approval', null, { decision: 'reject', reason: '  ' }),
    ).toMatchObject({ ok: false, code: 'reason_required' });
  });

  it('answers "no change" to the same decision again, and refuses reversing one', () => {
    expect(decideApproval('sent', 'approved', { decision: 'approve' })).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(
      decideApproval('rejected', 'rejected', { decision: 'reject', reason: 'x' }),
    ).toMatchObject({ ok: true, changed: false });
    expect(decideApproval('queued', 'approved', { decision: 'reject', reason: 'x' })).toMatchObject(
      {
        ok: false,
        code: 'invalid_transition',
      },
    );
    expect(decideApproval('rejected', 'rejected', { decision: 'approve' })).toMatchObject({
      ok: false,
    });
  });

  it('refuses deciding on a reply that never needed approval', () => {
    expect(decideApproval('queued', null, { decision: 'approve' })).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
  });
});

describe('tone flags on a reply as it goes out', () => {
  const long = 'Sorry about that. '.repeat(20).trim();

  it('flags a public reply over the public limit as too long', () => {
    const flags = replyToneFlags({
      text: long,
      network: 'x',
      visibility: 'public',
      answersComplaint: true,
    });
    expect(flags.map((f) => f.code)).toEqual(['too_long']);
  });

  it('holds a private message to the private limit instead', () => {
    const direct = { network: 'x', visibility: 'private' as const, answersComplaint: true };
    expect(replyToneFlags({ ...direct, text: long })).toEqual([]);
    const tooLongForMastodon = replyToneFlags({
      text: 'Sorry. '.repeat(80).trim(),
      network: 'mastodon',
      visibility: 'private',
      answersComplaint: true,
    });
    expect(tooLongForMastodon.map((f) => f.message)).toEqual([
      '559 characters; a private message on mastodon allows 500.',
    ]);
  });

  it('keeps the other flags on a private message', () => {
    const flags = replyToneFlags({
      text: 'Good luck with that.',
      network: 'mastodon',
      visibility: 'private',
      answersComplaint: false,
    });
    expect(flags.map((f) => f.code)).toEqual(['sarcasm']);
  });
});
