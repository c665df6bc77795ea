import { isImportedNetwork } from './answered-elsewhere.ts';
import { fillPlaceholders, firstName, templateVariables } from './canned-response.ts';
import type { SettableIdeaStatus } from './ideas.ts';

/**
 * Telling customers what became of their idea (issue 19). When an idea reaches one of these
 * statuses, everyone whose post it holds can get a reply on the thread they used, drafted from
 * the workspace's template for that status.
 */
export const noticeStatuses = ['under_review', 'planned', 'done', 'declined'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export function isNoticeStatus(status: SettableIdeaStatus | 'merged'): status is NoticeStatus {
  return (noticeStatuses as readonly string[]).includes(status);
}

/** The variables a notice template may use, written `{{idea.title}}`. */
export const noticeVariables = ['customer.name', 'idea.title', 'idea.reason'] as const;

/** What a workspace that wrote no template of its own sends. */
export const defaultNoticeTemplates: Record<NoticeStatus, string> = {
  under_review:
    'Hi {{customer.name}}, thanks again for suggesting "{{idea.title}}". Our team is now looking into it.',
  planned:
    'Hi {{customer.name}}, good news: "{{idea.title}}", which you suggested, is now planned. Thank you!',
  done: 'Hi {{customer.name}}, "{{idea.title}}", which you suggested, is now live. Thanks for the idea!',
  declined:
    'Hi {{customer.name}}, thank you for suggesting "{{idea.title}}". We have decided not to do it: {{idea.reason}}',
};

/** The names a template uses that Earshot cannot fill (a template with any is refused on save). */
export function unknownNoticeVariables(body: string): string[] {
  return templateVariables(body).filter(
    (name) => !(noticeVariables as readonly string[]).includes(name),
  );
}

/** A notice for one customer: the template with their name, the idea's title and the reason. */
export function draftNotice(
  body: string,
  values: { customerName: string; ideaTitle: string; declinedReason: string | null },
): string {
  return fillPlaceholders(body, {
    'customer.name': firstName(values.customerName),
    'idea.title': values.ideaTitle,
    'idea.reason': values.declinedReason ?? '',
  }).trim();
}

/** Why a customer was not told. */
export type NoticeSkipReason = 'post_deleted' | 'network_without_replies' | 'customer_erased';

/** A post an idea holds, as far as telling its author goes. */
export interface NoticePost {
  id: string;
  conversationId: string;
  network: string;
  postedAt: Date;
  deletedAt: Date | null;
  erasedAt: Date | null;
}

/**
 * Whom to tell, one per conversation (a customer who asked twice in one thread hears once): the
 * newest of their posts still on the network is answered. A thread whose every post was deleted,
 * or erased at the customer's request, or one on a network Earshot cannot answer on (file
 * imports), is not told, with why.
 */
export function planNotices(
  posts: readonly NoticePost[],
): { conversationId: string; post: NoticePost; skip: NoticeSkipReason | null }[] {
  const byConversation = new Map<string, NoticePost[]>();
  for (const post of posts) {
    byConversation.set(post.conversationId, [
      ...(byConversation.get(post.conversationId) ?? []),
      post,
    ]);
  }
  return [...byConversation].map(([conversationId, thread]) => {
    const newestFirst = [...thread].sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime());
    const newest = newestFirst[0]!;
    if (isImportedNetwork(newest.network))
      return { conversationId, post: newest, skip: 'network_without_replies' };
    if (newestFirst.every((post) => post.erasedAt))
      return { conversationId, post: newest, skip: 'customer_erased' };
    const live = newestFirst.find((post) => !post.deletedAt && !post.erasedAt);
    return live
      ? { conversationId, post: live, skip: null }
      : { conversationId, post: newest, skip: 'post_deleted' };
  });
}
