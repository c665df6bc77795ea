import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.ts';
import { mastodonChanges, mastodonReposts, normalizeMastodon } from './mastodon-normalize.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface NotificationFixture {
  id: string;
  type: string;
  status: Record<string, unknown> & {
    id: string;
    content: string;
    spoiler_text: string;
    visibility: string;
  };
}

describe('Mastodon normalisation', () => {
  const notifications: NotificationFixture[] = fixture('notifications-mentions.json');
  const mentionStatuses = notifications.filter((n) => n.type === 'mention').map((n) => n.status);

  it('keeps only mention notifications, one Mention per status', () => {
    const mentions = normalizeMastodon(notifications);
    expect(mentions.map((m) => m.externalId)).toEqual(mentionStatuses.map((s) => s.id));
    expect(mentions.every((m) => m.network === 'mastodon')).toBe(true);
  });

  it('turns HTML content into plain text with the link written out in full', () => {
    const mention = normalizeMastodon(notifications).find(
      (m) => m.externalId === '113501234567890123',
    );
    expect(mention?.text).toBe(
      '@northwind my order #NW55120 still says "processing" after 9 days & support chat is down. ' +
        'See https://status.example.com/incidents/4411\n\nNot happy.',
    );
  });

  it('puts the content warning first, drops the script, and marks the image', () => {
    const source = mentionStatuses[0];
    const [mention] = normalizeMastodon(notifications[0]);
    expect(mention?.text).toBe(
      `${source?.spoiler_text}\n\n${htmlToText(String(source?.content))}\n\n[image]`,
    );
    expect(mention?.text).not.toContain('alert');
    expect(mention?.parentExternalId).toBe(source?.in_reply_to_id);
  });

  it('maps author, reach, engagement, visibility and language from the status', () => {
    const status = mentionStatuses.find((s) => s.visibility === 'direct');
    const [direct] = normalizeMastodon(status);
    const account = status?.account as Record<string, unknown>;
    expect(direct).toMatchObject({
      isPrivate: true,
      url: status?.url,
      language: status?.language,
      author: {
        externalId: account.id,
        handle: account.acct,
        displayName: account.display_name,
        followers: account.followers_count,
      },
      engagement: {
        likes: status?.favourites_count,
        reposts: status?.reblogs_count,
        replies: status?.replies_count,
      },
    });
    expect(direct?.postedAt.toISOString()).toBe(status?.created_at);
    const [open] = normalizeMastodon(mentionStatuses.find((s) => s.visibility === 'public'));
    expect(open?.isPrivate).toBe(false);
  });

  it('reads masto camelCase entities the same as the API JSON', () => {
    // masto hands over the same JSON with camelCase keys.
    const camel = JSON.parse(
      JSON.stringify(notifications[3]).replace(
        /"(\w+)":/g,
        (_, key: string) => `"${key.replace(/_([a-z])/g, (__, c: string) => c.toUpperCase())}":`,
      ),
    );
    expect(camel.status.inReplyToId).toBeDefined();
    const [fromCamel] = normalizeMastodon(camel);
    const [fromSnake] = normalizeMastodon(notifications[3]);
    expect({ ...fromCamel, raw: undefined }).toEqual({ ...fromSnake, raw: undefined });
  });

  it('names the post a 4.5 quote quotes once its author accepted it, and when the author joined', () => {
    const status = mentionStatuses[0]!;
    const accepted = {
      ...status,
      quote: { state: 'accepted', quoted_status: { ...status, id: '42' } },
    };
    const byId = { ...status, quote: { state: 'accepted', quoted_status_id: '43' } };
    const pending = { ...status, quote: { state: 'pending', quoted_status: null } };
    expect(normalizeMastodon(accepted)[0]?.quotedExternalId).toBe('42');
    expect(normalizeMastodon(byId)[0]?.quotedExternalId).toBe('43');
    expect(normalizeMastodon(pending)[0]?.quotedExternalId).toBeUndefined();
    const [plain] = normalizeMastodon(status);
    expect(plain?.quotedExternalId).toBeUndefined();
    const joined = (status.account as { created_at: string }).created_at;
    expect(plain?.author.createdAt).toEqual(new Date(joined));
  });

  it('gives nothing for a boost and a clear error for something that is not a status', () => {
    const [boost, original] = fixture('tag-timeline.json');
    expect(normalizeMastodon(boost)).toEqual([]);
    expect(normalizeMastodon(original)).toHaveLength(1);
    expect(() => normalizeMastodon({ hello: 'world' })).toThrow(/not a Mastodon status/);
  });
});

describe("Mastodon boosts of the brand's posts", () => {
  // A `reblog` notification as the API documents it: who boosted, and the brand's status.
  const status = fixture('notifications-mentions.json')[0].status as Record<string, unknown>;
  const booster = {
    id: '110001',
    acct: 'fan@example.social',
    username: 'fan',
    url: 'https://example.social/@fan',
    followers_count: 42,
    created_at: '2021-05-01T00:00:00.000Z',
  };
  const reblog = {
    id: '9001',
    type: 'reblog',
    created_at: '2026-11-20T12:00:00.000Z',
    account: booster,
    status,
  };

  it('reads a boost as a share record keyed by booster and post, never a mention', () => {
    expect(normalizeMastodon(reblog)).toEqual([]);
    expect(mastodonReposts([reblog])).toEqual([
      {
        externalId: `reblog:110001:${String(status.id)}`,
        subjectExternalId: String(status.id),
        author: {
          externalId: '110001',
          handle: 'fan@example.social',
          followers: 42,
          createdAt: new Date('2021-05-01T00:00:00.000Z'),
        },
        url: 'https://example.social/@fan',
        repostedAt: new Date('2026-11-20T12:00:00.000Z'),
      },
    ]);
    expect(mastodonReposts(fixture('notifications-mentions.json'))).toEqual([]);
    expect(() => mastodonReposts({ ...reblog, account: null })).toThrow(/reblog/);
  });
});

describe('Mastodon deletions and edits', () => {
  it('reads a streamed delete as a deletion of that status, dated when it was heard', () => {
    const event = fixture('stream-delete.json');
    expect(normalizeMastodon(event)).toEqual([]);
    expect(mastodonChanges(event)).toEqual([
      {
        externalId: '113501234567890123',
        kind: 'deleted',
        at: new Date('2026-11-20T10:02:45.918Z'),
      },
    ]);
  });

  it('reads a streamed status.update as an edit with its new text and edit time', () => {
    const event = fixture('stream-status-update.json');
    expect(normalizeMastodon(event)).toEqual([]);
    expect(mastodonChanges(event)).toEqual([
      {
        externalId: '113501234567890123',
        kind: 'edited',
        at: new Date('2026-11-20T09:31:12.000Z'),
        text: '@northwind my order #NW55120 arrived this morning, thanks!',
      },
    ]);
  });

  it('takes the edited status parsed, with camelCase keys, as masto hands it over', () => {
    const event = fixture('stream-status-update.json');
    const parsed = JSON.parse(
      (event.payload as string).replace(
        /"(\w+)":/g,
        (_, key: string) => `"${key.replace(/_([a-z])/g, (__, c: string) => c.toUpperCase())}":`,
      ),
    );
    expect(parsed.editedAt).toBe('2026-11-20T09:31:12.000Z');
    expect(mastodonChanges({ ...event, payload: parsed })).toEqual(mastodonChanges(event));
  });

  it('reports no change for posts and notifications, and a clear error for a broken update', () => {
    const notifications = fixture('notifications-mentions.json');
    expect(mastodonChanges(notifications)).toEqual([]);
    expect(mastodonChanges(notifications[0])).toEqual([]);
    const broken = { ...fixture('stream-status-update.json'), payload: '{"id": 5' };
    expect(() => mastodonChanges(broken)).toThrow(/not JSON/);
    const notStatus = { ...fixture('stream-status-update.json'), payload: { id: '1' } };
    expect(() => mastodonChanges(notStatus)).toThrow(/not a Mastodon status.update/);
  });
});
