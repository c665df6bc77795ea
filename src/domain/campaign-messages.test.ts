import { describe, expect, it } from 'vitest';
import {
  chooseMessageTarget,
  draftWinnerMessage,
  unknownWinnerVariables,
} from './campaign-messages.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 0, minutes));

describe('campaign messages', () => {
  it("drafts a winner's message with their handle and the campaign's name", () => {
    expect(
      draftWinnerMessage('Well done @{{winner.handle}}, {{campaign.name}} is yours ', {
        handle: '@ann.test',
        campaignName: 'Swag bag',
      }),
    ).toBe('Well done @ann.test, Swag bag is yours');
    expect(unknownWinnerVariables('{{winner.handle}} {{winner.address}}')).toEqual([
      'winner.address',
    ]);
  });

  it('answers the newest post still on the network, or says why none can be answered', () => {
    const post = (id: string, minutes: number, deleted = false, network = 'bluesky') => ({
      id,
      network,
      postedAt: at(minutes),
      deletedAt: deleted ? at(minutes + 1) : null,
    });
    expect(chooseMessageTarget([post('old', 1), post('new', 5, true)])).toMatchObject({
      post: { id: 'old' },
      skip: null,
    });
    expect(chooseMessageTarget([post('gone', 1, true)]).skip).toBe('post_deleted');
    expect(chooseMessageTarget([])).toEqual({ post: null, skip: 'post_not_heard' });
    expect(chooseMessageTarget([post('file', 1, false, 'import')]).skip).toBe(
      'network_without_replies',
    );
  });
});
