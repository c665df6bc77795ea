import { describe, expect, it } from 'vitest';
import { applyIdeasChannel, strayIdeasTerms } from './ideas-channel.ts';

const assessment = {
  priority: 10,
  sentiment: 'negative',
  needsReply: true,
  details: { socialIntent: 'complaint' },
};

describe('the ideas channel', () => {
  it('labels a post naming an ideas handle or hashtag as an idea, and says why', () => {
    for (const text of ['@AcmeIdeas dark mode please', 'dark mode please #acmeideas']) {
      expect(applyIdeasChannel(assessment, { text }, ['@acmeideas', '#AcmeIdeas'])).toEqual({
        ...assessment,
        details: { socialIntent: 'idea', ideasChannel: true },
      });
    }
  });

  it("leaves other posts, the brand's own, and a handle that only starts the same alone", () => {
    const terms = ['@acmeideas'];
    expect(applyIdeasChannel(assessment, { text: '@acme my bag is lost' }, terms)).toBe(assessment);
    expect(applyIdeasChannel(assessment, { text: '@acmeideasbot hi' }, terms)).toBe(assessment);
    expect(
      applyIdeasChannel(assessment, { text: '@acmeideas thanks', fromBrand: true }, terms),
    ).toBe(assessment);
  });

  it("names the ideas terms that are not the brand's handles or hashtags", () => {
    expect(
      strayIdeasTerms({
        handles: ['acmeideas'],
        hashtags: ['#AcmeIdeas'],
        ideasTerms: ['@AcmeIdeas', '#acmeideas', '@other', 'acmeideas', '#nope'],
      }),
    ).toEqual(['@other', 'acmeideas', '#nope']);
  });
});
