import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metaEventKind, normalizeMetaBody } from './meta-normalize.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('Meta webhook normalisation', () => {
  it('turns new Page feed comments into Mentions and ignores reactions and removals', () => {
    const body = fixture('facebook-feed.json');
    const values = body.entry[0].changes.map(
      (change: { value: Record<string, unknown> }) => change.value,
    );
    const added = values.filter(
      (value: { item: string; verb: string }) => value.item === 'comment' && value.verb === 'add',
    );
    const mentions = normalizeMetaBody(body);
    expect(mentions.map((m) => m.externalId)).toEqual(
      added.map((value: { comment_id: string }) => value.comment_id),
    );
    const [topLevel, reply, pageReply] = mentions;
    expect(topLevel).toMatchObject({
      network: 'facebook',
      text: added[0].message,
      author: { externalId: added[0].from.id, handle: added[0].from.name },
      parentExternalId: added[0].post_id,
      rootExternalId: added[0].post_id,
      url: added[0].post.permalink_url,
      isPrivate: false,
      fromBrand: false,
    });
    expect(topLevel?.postedAt.getTime()).toBe(added[0].created_time * 1000);
    expect(reply).toMatchObject({
      parentExternalId: topLevel?.externalId,
      rootExternalId: added[0].post_id,
    });
    expect(pageReply?.fromBrand).toBe(true);
  });

  it('keeps markup in a comment as the literal text the customer typed', () => {
    const [mention] = normalizeMetaBody(fixture('facebook-feed.json'));
    expect(mention?.text).toContain('<script>alert(1)</script>');
  });

  it('turns Instagram comments into Mentions threaded under their media', () => {
    const body = fixture('instagram-comments.json');
    const [comment, brandReply] = normalizeMetaBody(body);
    const [first, second] = body.entry[0].changes.map(
      (change: { value: Record<string, unknown> }) => change.value,
    );
    expect(comment).toMatchObject({
      network: 'instagram',
      externalId: first.id,
      text: first.text,
      author: { externalId: first.from.id, handle: first.from.username },
      parentExternalId: first.media.id,
      rootExternalId: first.media.id,
      fromBrand: false,
    });
    expect(comment?.postedAt.getTime()).toBe(body.entry[0].time * 1000);
    expect(brandReply).toMatchObject({
      parentExternalId: first.id,
      fromBrand: true,
      externalId: second.id,
    });
  });

  it('turns Messenger messages into private Mentions, echoes into the brand side, and skips reads', () => {
    const body = fixture('messenger-messages.json');
    const events = body.entry[0].messaging;
    const mentions = normalizeMetaBody(body);
    expect(mentions).toHaveLength(3);
    const [text, image, echo] = mentions;
    expect(text).toMatchObject({
      network: 'facebook',
      externalId: events[0].message.mid,
      text: events[0].message.text,
    });
    expect(text?.isPrivate).toBe(true);
    expect(text?.postedAt.getTime()).toBe(events[0].timestamp);
    expect(image?.text).toBe('[image]');
    expect(image?.parentExternalId).toBe(events[0].message.mid);
    expect(echo).toMatchObject({ fromBrand: true, isPrivate: true });
    // One customer, one private thread, whichever side wrote.
    expect(new Set(mentions.map((m) => m.rootExternalId)).size).toBe(1);
  });

  it('turns Instagram direct messages into private instagram Mentions', () => {
    const body = fixture('instagram-messages.json');
    const [mention] = normalizeMetaBody(body);
    expect(mention).toMatchObject({
      network: 'instagram',
      isPrivate: true,
      text: body.entry[0].messaging[0].message.text,
      author: { externalId: body.entry[0].messaging[0].sender.id },
    });
  });

  it('gives back the same Mention from its stored raw, and knows which kind of event it was', () => {
    for (const [name, kind] of [
      ['facebook-feed.json', 'facebook_comment'],
      ['instagram-comments.json', 'instagram_comment'],
      ['messenger-messages.json', 'message'],
    ] as const) {
      for (const mention of normalizeMetaBody(fixture(name))) {
        expect(normalizeMetaBody(mention.raw)).toEqual([mention]);
        expect(metaEventKind(mention.raw)).toBe(kind);
      }
    }
  });

  it('gives nothing for other objects and a clear error for a body that is not Meta', () => {
    expect(normalizeMetaBody({ object: 'whatsapp_business_account', entry: [] })).toEqual([]);
    expect(() => normalizeMetaBody({ hello: 'world' })).toThrow(/not a Meta webhook body/);
  });
});
