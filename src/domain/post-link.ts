/** A post on a network, as Earshot stores its id. */
export interface PostReference {
  network: 'bluesky' | 'mastodon' | 'x';
  externalId: string;
}

const blueskyPath = /^\/profile\/([^/]+)\/post\/([A-Za-z0-9]+)\/?$/;
const xPath = /^\/[^/]+\/status\/(\d+)\/?$|^\/i\/web\/status\/(\d+)\/?$/;
const mastodonPath = /^\/@[^/]+\/(\d+)\/?$/;

/**
 * The network and id of a post from its link as people copy it (`https://bsky.app/profile/…/post/…`,
 * `https://x.com/…/status/…`, `https://mastodon.social/@…/…`), from a Bluesky `at://` URI, or
 * typed as a network and an id (`mastodon 112233`).
 * Bluesky ids name the account by its DID: a link naming a handle cannot be turned into one
 * without asking the network, so it is refused with what to paste instead.
 */
export function parsePostLink(text: string): PostReference | { error: string } {
  const raw = text.trim();
  // Or typed as the network's name and the post's id: `x 1790000000000000001`.
  const typed = /^(bluesky|mastodon|x)\s+(\S+)$/i.exec(raw);
  if (typed) {
    const network = typed[1]!.toLowerCase() as PostReference['network'];
    if (network === 'bluesky') return parsePostLink(typed[2]!);
    return /^\d+$/.test(typed[2]!)
      ? { network, externalId: typed[2]! }
      : { error: `a ${network === 'x' ? 'X' : 'Mastodon'} post id is digits` };
  }
  if (raw.startsWith('at://')) {
    return /^at:\/\/did:[a-z]+:[A-Za-z0-9._:%-]+\/app\.bsky\.feed\.post\/[A-Za-z0-9]+$/.test(raw)
      ? { network: 'bluesky', externalId: raw }
      : { error: 'an at:// URI of a post reads at://did:…/app.bsky.feed.post/…' };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: 'paste the link to the post (https://…) or its at:// URI' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: 'paste the link to the post (https://…) or its at:// URI' };
  }
  const host = url.hostname.replace(/^www\./, '');
  if (host === 'bsky.app') {
    const match = blueskyPath.exec(url.pathname);
    if (!match) return { error: 'a Bluesky post link reads https://bsky.app/profile/…/post/…' };
    const [, account, key] = match;
    if (!account!.startsWith('did:')) {
      return {
        error:
          "this Bluesky link names the account by handle; use a link with the account's DID (did:plc:…) or the post's at:// URI",
      };
    }
    return { network: 'bluesky', externalId: `at://${account}/app.bsky.feed.post/${key}` };
  }
  if (host === 'x.com' || host === 'twitter.com' || host === 'mobile.twitter.com') {
    const match = xPath.exec(url.pathname);
    const id = match?.[1] ?? match?.[2];
    return id
      ? { network: 'x', externalId: id }
      : { error: 'an X post link reads https://x.com/…/status/…' };
  }
  const match = mastodonPath.exec(url.pathname);
  if (match) return { network: 'mastodon', externalId: match[1]! };
  return { error: 'not a link to a Bluesky, Mastodon or X post' };
}
