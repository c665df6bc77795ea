import { describe, expect, it } from 'vitest';
import {
  allowsPrivateReply,
  networks,
  privateReplyLimits,
  replyLengthLimit,
  replyLengthLimits,
} from './network.ts';

describe('private replies per network', () => {
  it('allows them where the channel can send one, and nowhere else', () => {
    expect(networks.filter(allowsPrivateReply)).toEqual([
      'mastodon',
      'x',
      'facebook',
      'instagram',
      'webhook',
    ]);
    expect(allowsPrivateReply('myspace')).toBe(false);
  });

  it('gives each mode its own limit', () => {
    expect(replyLengthLimit('x', 'public')).toBe(replyLengthLimits.x);
    expect(replyLengthLimit('x', 'private')).toBe(privateReplyLimits.x);
    expect(replyLengthLimit('x', 'private')).toBeGreaterThan(replyLengthLimits.x);
    expect(replyLengthLimit('bluesky', 'private')).toBeNull();
    expect(replyLengthLimit('myspace', 'public')).toBeNull();
  });
});
