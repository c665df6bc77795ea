import { describe, expect, it } from 'vitest';
import { canMergeIdeas, changeIdeaStatus, ideaStatuses, settableIdeaStatuses } from './ideas.ts';
import type { IdeaStatus } from './ideas.ts';

describe('idea status', () => {
  it('moves forward new → under_review → planned → done', () => {
    expect(changeIdeaStatus('new', 'under_review')).toEqual({
      ok: true,
      changed: true,
      status: 'under_review',
      declinedReason: null,
    });
    expect(changeIdeaStatus('under_review', 'planned')).toMatchObject({ status: 'planned' });
    expect(changeIdeaStatus('planned', 'done')).toMatchObject({ status: 'done' });
  });

  it('declines from any open status only with a reason, trimmed', () => {
    for (const from of ['new', 'under_review', 'planned'] as const) {
      expect(changeIdeaStatus(from, 'declined', '  out of scope ')).toEqual({
        ok: true,
        changed: true,
        status: 'declined',
        declinedReason: 'out of scope',
      });
      expect(changeIdeaStatus(from, 'declined')).toMatchObject({
        ok: false,
        code: 'reason_required',
      });
      expect(changeIdeaStatus(from, 'declined', '   ')).toMatchObject({ code: 'reason_required' });
    }
  });

  it('lets a declined idea be reconsidered, clearing the reason', () => {
    expect(changeIdeaStatus('declined', 'under_review')).toEqual({
      ok: true,
      changed: true,
      status: 'under_review',
      declinedReason: null,
    });
  });

  it('answers "no change" for the same status, even a final one', () => {
    for (const status of settableIdeaStatuses)
      expect(changeIdeaStatus(status, status)).toEqual({ ok: true, changed: false });
  });

  it('refuses every other move, including skips, steps back, and anything from done or merged', () => {
    const allowed = new Set([
      'new>under_review',
      'new>declined',
      'under_review>planned',
      'under_review>declined',
      'planned>done',
      'planned>declined',
      'declined>under_review',
    ]);
    for (const from of ideaStatuses as readonly IdeaStatus[]) {
      for (const to of settableIdeaStatuses) {
        if (from === to) continue;
        const result = changeIdeaStatus(from, to, 'a reason');
        expect(result.ok, `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
        if (!result.ok) expect(result.code).toBe('invalid_transition');
      }
    }
  });
});

describe('merging ideas', () => {
  const idea = (id: string, status: IdeaStatus = 'new', mergedIntoId: string | null = null) => ({
    id,
    status,
    mergedIntoId,
  });

  it('merges a duplicate into another open or finished idea', () => {
    expect(canMergeIdeas(idea('a'), idea('b', 'planned'))).toEqual({
      ok: true,
      alreadyMerged: false,
    });
    expect(canMergeIdeas(idea('a', 'declined'), idea('b', 'done'))).toMatchObject({ ok: true });
  });

  it('treats merging again into the same idea as done already', () => {
    expect(canMergeIdeas(idea('a', 'merged', 'b'), idea('b'))).toEqual({
      ok: true,
      alreadyMerged: true,
    });
  });

  it('refuses merging into itself, into a merged idea, or a merged idea elsewhere', () => {
    expect(canMergeIdeas(idea('a'), idea('a'))).toMatchObject({ ok: false });
    expect(canMergeIdeas(idea('a'), idea('b', 'merged'))).toMatchObject({ ok: false });
    expect(canMergeIdeas(idea('a', 'merged', 'c'), idea('b'))).toMatchObject({ ok: false });
  });
});
