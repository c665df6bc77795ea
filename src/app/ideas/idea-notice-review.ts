import type { Kysely } from 'kysely';
import { allowsPrivateReply } from '../../domain/network.ts';
import type { ReplyVisibility } from '../../domain/network.ts';
import {
  defaultNoticeTemplates,
  draftNotice,
  isNoticeStatus,
  planNotices,
} from '../../domain/idea-notices.ts';
import type { NoticeSkipReason, NoticeStatus } from '../../domain/idea-notices.ts';
import type { IdeaStatus } from '../../domain/ideas.ts';
import {
  findNoticeTemplates,
  listIdeaNotices,
  listNoticePosts,
} from '../../store/idea-notices.repository.ts';
import type { IdeaNoticeRow, NoticePostRow } from '../../store/idea-notices.repository.ts';
import { findIdea } from '../../store/ideas.repository.ts';
import type { Database } from '../../store/schema.ts';
import { AppError } from '../app-error.ts';

/** One customer thread an idea holds, and what telling them of the idea's status would do. */
export interface NoticeRecipient {
  conversationId: string;
  /** The post the notice answers (their newest still on the network). */
  post: NoticePostRow;
  customerName: string;
  /** Private when the customer wrote privately: the answer stays private. */
  visibility: ReplyVisibility;
  /** Why they cannot be told; null when they can. */
  cannotTell: NoticeSkipReason | null;
  /** The notice drafted from the template for the idea's status. */
  draft: string;
  /** What was recorded for this thread and the idea's current status, if anything. */
  notice: IdeaNoticeRow | null;
}

export interface NoticeReview {
  idea: { id: string; title: string; status: IdeaStatus; declinedReason: string | null };
  /** The status customers would be told of; null while the idea is new or merged away. */
  status: NoticeStatus | null;
  template: string | null;
  recipients: NoticeRecipient[];
  /** Every telling recorded for this idea, oldest first, of any status. */
  history: IdeaNoticeRow[];
}

/**
 * What telling an idea's customers of its current status would do, per thread: the drafted
 * reply, and who was told already or cannot be (deleted posts, erased customers, networks that
 * take no replies from Earshot, private threads on networks without private replies).
 */
export async function loadNoticeReview(
  db: Kysely<Database>,
  workspace: { workspaceId: string; userId: string },
  ideaId: string,
): Promise<NoticeReview> {
  const row = await findIdea(db, workspace.workspaceId, workspace.userId, ideaId);
  if (!row) throw new AppError('idea_not_found', 'no such idea');
  const status = isNoticeStatus(row.status) ? row.status : null;
  const [templates, posts, history] = await Promise.all([
    findNoticeTemplates(db, workspace.workspaceId),
    listNoticePosts(db, workspace.workspaceId, ideaId),
    listIdeaNotices(db, workspace.workspaceId, ideaId),
  ]);
  const template = status ? (templates.get(status) ?? defaultNoticeTemplates[status]) : null;
  const byId = new Map(posts.map((post) => [post.id, post]));
  const recipients = planNotices(posts).map(({ conversationId, post, skip }): NoticeRecipient => {
    const full = byId.get(post.id)!;
    const customerName = full.authorDisplayName?.trim() || full.authorHandle;
    const visibility: ReplyVisibility = full.isPrivate ? 'private' : 'public';
    const privateImpossible = visibility === 'private' && !allowsPrivateReply(full.network);
    return {
      conversationId,
      post: full,
      customerName,
      visibility,
      cannotTell: skip ?? (privateImpossible ? 'network_without_replies' : null),
      draft: template
        ? draftNotice(template, {
            customerName,
            ideaTitle: row.title,
            declinedReason: row.declined_reason,
          })
        : '',
      notice:
        history.find((n) => n.conversationId === conversationId && n.ideaStatus === status) ?? null,
    };
  });
  return {
    idea: {
      id: row.id,
      title: row.title,
      status: row.status,
      declinedReason: row.declined_reason,
    },
    status,
    template,
    recipients,
    history,
  };
}
