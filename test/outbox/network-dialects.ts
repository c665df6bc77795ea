import type { NetworkDialect, StoredPost } from './posting-network.ts';

const newestFirst = (posts: StoredPost[]) =>
  [...posts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

/** The Graph API as a Page's comment replies use it: POST and GET /{comment-id}/comments. */
export function graphDialect(page: { id: string; name: string }): NetworkDialect {
  const comments = /^\/v21\.0\/(?<id>[^/]+)\/comments$/;
  return {
    parsePost(method, path, body) {
      const parentId = method === 'POST' ? comments.exec(path)?.groups?.id : undefined;
      const message = (body as { message?: string } | undefined)?.message;
      return parentId && message
        ? { parentId: decodeURIComponent(parentId), text: message }
        : undefined;
    },
    answer(method, url, posts) {
      if (method !== 'GET') return undefined;
      if (url.pathname === `/v21.0/${page.id}`) return page;
      const parentId = comments.exec(url.pathname)?.groups?.id;
      if (parentId === undefined) return undefined;
      const limit = Number(url.searchParams.get('limit') ?? 25);
      const data = newestFirst(posts.filter((p) => p.parentId === decodeURIComponent(parentId)))
        .slice(0, limit)
        .map((p) => ({
          id: p.id,
          message: p.text,
          from: { id: p.authorId, name: page.name },
          created_time: p.createdAt.toISOString().replace(/\.\d{3}Z$/, '+0000'),
        }));
      return { data };
    },
    posted: (post) => ({ status: 200, json: { id: post.id } }),
    refusal: () => ({
      status: 400,
      json: {
        error: { message: 'Error validating access token', type: 'OAuthException', code: 190 },
      },
    }),
  };
}

/** X API v2 as replies use it: POST /2/tweets, GET /2/users/:id/tweets; refuses duplicates. */
export function xDialect(user: { id: string; username: string }): NetworkDialect {
  return {
    refusesDuplicates: true,
    parsePost(method, path, body) {
      if (method !== 'POST' || path !== '/2/tweets') return undefined;
      const tweet = body as { text: string; reply?: { in_reply_to_tweet_id: string } };
      return tweet.reply
        ? { parentId: tweet.reply.in_reply_to_tweet_id, text: tweet.text }
        : undefined;
    },
    answer(method, url, posts) {
      if (method !== 'GET') return undefined;
      if (url.pathname === '/2/users/me') return { data: { ...user, name: user.username } };
      if (url.pathname !== `/2/users/${user.id}/tweets`) return undefined;
      const since = Date.parse(url.searchParams.get('start_time') ?? '1970-01-01T00:00:00Z');
      const limit = Number(url.searchParams.get('max_results') ?? 10);
      const data = newestFirst(posts.filter((p) => p.createdAt.getTime() >= since))
        .slice(0, limit)
        .map((p) => ({
          id: p.id,
          text: p.text.replace(/&/g, '&amp;'),
          created_at: p.createdAt.toISOString(),
          referenced_tweets: [{ type: 'replied_to', id: p.parentId }],
          edit_history_tweet_ids: [p.id],
        }));
      return data.length
        ? { data, meta: { result_count: data.length } }
        : { meta: { result_count: 0 } };
    },
    posted: (post) => ({ status: 201, json: { data: { id: post.id, text: post.text } } }),
    refusal: () => ({
      status: 403,
      json: { detail: 'You are not permitted to reply to this conversation.', status: 403 },
    }),
    // X API v2's answer to a reply to a deleted post (v1.1 called it code 385).
    parentGone: () => ({
      status: 403,
      json: {
        detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.',
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
      },
    }),
  };
}

/** The Graph API as an Instagram account's comment replies use it: /{comment-id}/replies. */
export function instagramDialect(account: { id: string; username: string }): NetworkDialect {
  const replies = /^\/v21\.0\/(?<id>[^/]+)\/replies$/;
  return {
    parsePost(method, path, body) {
      const parentId = method === 'POST' ? replies.exec(path)?.groups?.id : undefined;
      const message = (body as { message?: string } | undefined)?.message;
      return parentId && message
        ? { parentId: decodeURIComponent(parentId), text: message }
        : undefined;
    },
    answer(method, url, posts) {
      if (method !== 'GET') return undefined;
      if (url.pathname === `/v21.0/${account.id}`) return account;
      const parentId = replies.exec(url.pathname)?.groups?.id;
      if (parentId === undefined) return undefined;
      // Instagram's replies edge takes no order: oldest first, as it lists them.
      const limit = Number(url.searchParams.get('limit') ?? 25);
      const data = newestFirst(posts.filter((p) => p.parentId === decodeURIComponent(parentId)))
        .slice(0, limit)
        .reverse()
        .map((p) => ({
          id: p.id,
          text: p.text,
          from: { id: p.authorId, username: account.username },
          timestamp: p.createdAt.toISOString().replace(/\.\d{3}Z$/, '+0000'),
        }));
      return { data };
    },
    posted: (post) => ({ status: 200, json: { id: post.id } }),
    refusal: () => ({
      status: 400,
      json: {
        error: { message: 'Error validating access token', type: 'OAuthException', code: 190 },
      },
    }),
  };
}

/** Mastodon's REST API as replies use it: POST /api/v1/statuses with in_reply_to_id. */
export function mastodonDialect(account: { id: string; acct: string }): NetworkDialect {
  return {
    parsePost(method, path, body) {
      if (method !== 'POST' || path !== '/api/v1/statuses') return undefined;
      const status = body as { status?: string; in_reply_to_id?: string };
      return status.status && status.in_reply_to_id
        ? { parentId: status.in_reply_to_id, text: status.status }
        : undefined;
    },
    answer(method, url) {
      if (method !== 'GET') return undefined;
      if (url.pathname === '/api/v1/accounts/verify_credentials') {
        return {
          ...account,
          username: account.acct,
          url: `https://social.example/@${account.acct}`,
        };
      }
      return undefined;
    },
    posted: (post) => ({
      status: 200,
      json: {
        id: post.id,
        uri: `https://social.example/users/${account.acct}/statuses/${post.id}`,
        url: `https://social.example/@${account.acct}/${post.id}`,
        in_reply_to_id: post.parentId,
        content: `<p>${post.text}</p>`,
      },
    }),
    refusal: () => ({ status: 422, json: { error: "Validation failed: Text can't be blank" } }),
    // Mastodon's StatusesController when in_reply_to_id names no status it can show.
    parentGone: () => ({
      status: 404,
      json: { error: 'The post you are trying to reply to does not appear to exist.' },
    }),
  };
}
