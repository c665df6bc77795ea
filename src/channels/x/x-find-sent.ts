import type { TwitterApi } from 'twitter-api-v2';
import { earliestPostingTime, type OutgoingReply, type SentReply } from '../channel.ts';

// One page, newest first: a retry comes minutes after the attempt it checks, not days.
const timelinePageSize = 100;
const dmPageSize = 50;

/**
 * Looks for the reply our account already posted for `reply`: in our own recent posts (one
 * page since the reply was created) one that answers the same post with the same text, or in
 * the DM conversation with the customer a message from us with the same text.
 */
export async function findXSent(
  api: TwitterApi,
  ourUserId: string,
  reply: OutgoingReply,
): Promise<SentReply | undefined> {
  const since = earliestPostingTime(reply);
  const text = comparable(reply.text);
  const taken = new Set(reply.takenExternalIds);
  const isRecent = (createdAt: string | undefined) =>
    since === undefined || createdAt === undefined || Date.parse(createdAt) >= since.getTime();
  if (reply.visibility === 'private') {
    const page = await api.v2.listDmEventsWithParticipant(reply.inReplyTo.author.externalId, {
      'dm_event.fields': ['id', 'text', 'sender_id', 'created_at'],
      event_types: 'MessageCreate',
      max_results: dmPageSize,
    });
    const found = page.events.find(
      (event) =>
        event.event_type === 'MessageCreate' &&
        event.sender_id === ourUserId &&
        !taken.has(event.id) &&
        comparable(event.text ?? '') === text &&
        isRecent(event.created_at),
    );
    return found && { externalId: found.id };
  }
  const page = await api.v2.userTimeline(ourUserId, {
    max_results: timelinePageSize,
    exclude: 'retweets',
    'tweet.fields': ['id', 'text', 'created_at', 'referenced_tweets'],
    // X wants whole seconds.
    ...(since ? { start_time: since.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
  });
  const found = page.tweets.find(
    (tweet) =>
      tweet.referenced_tweets?.some(
        (ref) => ref.type === 'replied_to' && ref.id === reply.inReplyTo.externalId,
      ) === true &&
      !taken.has(tweet.id) &&
      comparable(tweet.text) === text &&
      isRecent(tweet.created_at),
  );
  return found && { externalId: found.id, url: `https://x.com/i/web/status/${found.id}` };
}

/**
 * X shows a post's text with &, < and > escaped, links shortened to t.co, and (for a reply)
 * may lead with the handles answered; compare what is left.
 */
function comparable(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/^(\s*@\w+)+\s/, '')
    .trim()
    .replace(/\s+/g, ' ');
}
