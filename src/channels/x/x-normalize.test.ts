import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeX, xChanges } from './x-normalize.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface FixtureTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  lang: string;
  referenced_tweets?: { type: string; id: string }[];
  public_metrics: {
    like_count: number;
    retweet_count: number;
    reply_count: number;
    quote_count: number;
  };
}
interface FixtureUser {
  id: string;
  username: string;
  name: string;
  public_metrics: { followers_count: number };
}

describe('X normalisation', () => {
  const page = fixture('mentions-timeline.json');
  const tweets: FixtureTweet[] = page.data;
  const users: FixtureUser[] = page.includes.users;

  it('turns each post of a v2 page into a Mention with its author from includes.users', () => {
    const mentions = normalizeX(page);
    expect(mentions.map((m) => m.externalId)).toEqual(tweets.map((t) => t.id));
    for (const [index, mention] of mentions.entries()) {
      const tweet = tweets[index]!;
      const user = users.find((u) => u.id === tweet.author_id)!;
      expect(mention).toMatchObject({
        network: 'x',
        author: {
          externalId: user.id,
          handle: user.username,
          displayName: user.name,
          followers: user.public_metrics.followers_count,
        },
        url: `https://x.com/${user.username}/status/${tweet.id}`,
        language: tweet.lang,
        isPrivate: false,
        engagement: {
          likes: tweet.public_metrics.like_count,
          reposts: tweet.public_metrics.retweet_count,
          replies: tweet.public_metrics.reply_count,
          quotes: tweet.public_metrics.quote_count,
        },
      });
      expect(mention.postedAt.toISOString()).toBe(tweet.created_at);
    }
  });

  it('decodes the entities X escapes, and only those', () => {
    const [mention] = normalizeX(page);
    expect(mention?.text).toBe(
      tweets[0]!.text.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>'),
    );
    expect(mention?.text).toContain('& it');
  });

  it('threads a reply under the post it answers and the first post of its conversation', () => {
    const reply = tweets.find((t) => t.referenced_tweets?.length)!;
    const mention = normalizeX(page).find((m) => m.externalId === reply.id);
    expect(mention?.parentExternalId).toBe(reply.referenced_tweets![0]!.id);
    expect(mention?.rootExternalId).toBe(reply.conversation_id);
    const first = normalizeX(page).find((m) => m.externalId === reply.conversation_id);
    expect(first?.rootExternalId).toBeUndefined();
  });

  it('keeps a self-contained raw per post that normalises back to the same Mention', () => {
    for (const mention of normalizeX(page)) expect(normalizeX(mention.raw)).toEqual([mention]);
  });

  it('names the post a quote quotes and when its author joined X, and only when X says', () => {
    const [quote] = normalizeX(fixture('mentions-timeline-quote.json'));
    expect(quote?.quotedExternalId).toBe('1858415000000000009');
    expect(quote?.parentExternalId).toBeUndefined();
    expect(quote?.author.createdAt).toEqual(new Date('2019-03-14T08:00:00.000Z'));
    for (const mention of normalizeX(page)) {
      expect(mention.quotedExternalId).toBeUndefined();
      expect(mention.author.createdAt).toBeUndefined();
    }
  });

  it('skips retweets, reads an empty page, and explains a payload that is not X', () => {
    const retweet = { ...tweets[0]!, referenced_tweets: [{ type: 'retweeted', id: '1' }] };
    expect(normalizeX({ data: [retweet], includes: page.includes })).toEqual([]);
    expect(normalizeX(fixture('empty-page.json'))).toEqual([]);
    expect(() => normalizeX({ data: [{ id: 1 }] })).toThrow(/not an X API v2 payload/);
  });
});

describe('X edits', () => {
  it('keeps an edited post under its original id, with the new text, and reports the edit', () => {
    const edited = fixture('mentions-timeline-edited.json');
    const [mention] = normalizeX(edited);
    expect(mention).toMatchObject({
      externalId: '1858430000000000003',
      text: "@NorthwindHelp still no refund & it's been 3 weeks. Order <55140>. Chat says it was never paid out?!",
      rootExternalId: undefined,
    });
    expect(xChanges(edited)).toEqual([
      {
        externalId: '1858430000000000003',
        kind: 'edited',
        at: new Date('2026-11-20T11:12:40.000Z'),
        text: mention!.text,
      },
    ]);
  });

  it('reports no change for posts never edited', () => {
    expect(xChanges(fixture('mentions-timeline.json'))).toEqual([]);
    expect(xChanges(fixture('empty-page.json'))).toEqual([]);
  });
});
