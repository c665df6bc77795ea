import { z } from 'zod';
import { earliestPostingTime, type OutgoingReply, type SentReply } from '../channel.ts';
import { graphRequest, type GraphOptions } from './graph-api.ts';
import { feedValueSchema, instagramCommentValueSchema, metaBodySchema } from './meta-payload.ts';
import { metaEventKind } from './meta-normalize.ts';

// One page, newest first: a retry comes minutes after the attempt it checks, not days.
const pageSize = 50;

const postedSchema = z.looseObject({
  id: z.string(),
  /** Facebook comments and messages call the text `message`, Instagram comments `text`. */
  message: z.string().optional(),
  text: z.string().optional(),
  from: z.looseObject({ id: z.string() }).optional(),
  /** Facebook's `created_time`, Instagram's `timestamp` (ISO 8601, "+0000"). */
  created_time: z.string().optional(),
  timestamp: z.string().optional(),
});
type Posted = z.infer<typeof postedSchema>;

const listSchema = z.object({ data: z.array(postedSchema) });
const conversationsSchema = z.object({
  data: z.array(z.looseObject({ messages: listSchema.optional() })),
});

/**
 * Looks for the reply our account (the Page, or the Instagram account) already posted where
 * `reply` goes: among a comment's replies (and, for a reply to a reply, its parent thread,
 * where Meta files it), or in the customer's conversation for a message. A private reply to a
 * comment has no thread to look in, but Meta takes only one per comment, so it cannot be
 * posted twice anyway.
 */
export async function findMetaSent(
  network: 'facebook' | 'instagram',
  ourAccountId: string,
  pageId: string,
  reply: OutgoingReply,
  graph: GraphOptions,
): Promise<SentReply | undefined> {
  const kind = metaEventKind(reply.inReplyTo.raw);
  if (kind === undefined) return undefined;
  const isOurs = ourReplyTo(reply, ourAccountId);
  if (kind === 'message') {
    const query = new URLSearchParams({
      platform: network === 'instagram' ? 'instagram' : 'messenger',
      user_id: reply.inReplyTo.author.externalId,
      fields: `messages.limit(${pageSize}){id,message,from,created_time}`,
    });
    const answer = conversationsSchema.parse(
      await graphRequest('GET', `${encodeURIComponent(pageId)}/conversations?${query}`, graph),
    );
    const found = answer.data.flatMap((c) => c.messages?.data ?? []).find(isOurs);
    return found && { externalId: found.id };
  }
  if (reply.visibility === 'private') return undefined;
  const limit = String(pageSize);
  // Facebook lists a thread oldest first unless asked; Instagram's replies edge takes no order.
  const [edge, query] =
    kind === 'instagram_comment'
      ? ['replies', new URLSearchParams({ fields: 'id,text,from,timestamp', limit })]
      : [
          'comments',
          new URLSearchParams({
            fields: 'id,message,from,created_time',
            limit,
            order: 'reverse_chronological',
          }),
        ];
  for (const commentId of commentThreads(reply)) {
    const answer = listSchema.parse(
      await graphRequest('GET', `${encodeURIComponent(commentId)}/${edge}?${query}`, graph),
    );
    const found = answer.data.find(isOurs);
    if (found) return { externalId: found.id };
  }
  return undefined;
}

function ourReplyTo(reply: OutgoingReply, ourAccountId: string): (posted: Posted) => boolean {
  const since = earliestPostingTime(reply)?.getTime();
  const text = comparable(reply.text);
  const taken = new Set(reply.takenExternalIds);
  return (posted) => {
    if (posted.from?.id !== ourAccountId || taken.has(posted.id)) return false;
    if (comparable(posted.message ?? posted.text ?? '') !== text) return false;
    const at = Date.parse(posted.created_time ?? posted.timestamp ?? '');
    // Without a time on either side, the author, place and text have to do.
    return since === undefined || Number.isNaN(at) || at >= since;
  };
}

const comparable = (text: string) => text.trim().replace(/\s+/g, ' ');

/** The comment answered, then its parent comment when it is itself a reply. */
function commentThreads(reply: OutgoingReply): string[] {
  const value = metaBodySchema.safeParse(reply.inReplyTo.raw).data?.entry[0]?.changes?.[0]?.value;
  const feed = feedValueSchema.safeParse(value).data;
  const instagram = instagramCommentValueSchema.safeParse(value).data;
  const parent =
    feed?.parent_id !== undefined && feed.parent_id !== feed.post_id
      ? feed.parent_id
      : instagram?.parent_id;
  return [reply.inReplyTo.externalId, ...(parent === undefined ? [] : [parent])];
}
