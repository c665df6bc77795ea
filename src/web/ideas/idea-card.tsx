import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { ChangeError } from '../settings/change-outcome.tsx';
import { formatAbsolute } from '../text/format-time.ts';
import { UserText } from '../text/user-text.tsx';
import { IdeaMergeForm, IdeaStatusForm } from './idea-actions.tsx';
import { ideaStatusLabels, plural } from './idea-labels.ts';
import { IdeaMentions } from './idea-mentions.tsx';
import { useIdeaChange } from './ideas-client.ts';
import type { Idea } from '../../api/contract.ts';

type IdeaCardProps = {
  workspaceId: string;
  idea: Idea;
  others: Idea[];
  canVote: boolean;
  canManage: boolean;
};

/** One idea: what it is, where it stands, its votes, and (for admins) moving or merging it. */
export function IdeaCard({ workspaceId, idea, others, canVote, canManage }: IdeaCardProps) {
  const change = useIdeaChange(workspaceId);
  const titleId = `idea-${idea.id}-title`;
  return (
    <li>
      <article className="settings-card idea-card" aria-labelledby={titleId}>
        <h2 id={titleId}>
          <UserText text={idea.title} />
        </h2>
        <p>
          <span className={`badge badge--idea-${idea.status}`}>
            {ideaStatusLabels[idea.status]}
          </span>{' '}
          <span className="idea-card__counts">
            {plural(idea.votes, 'vote', 'votes')} ·{' '}
            {plural(idea.mentionCount, 'mention', 'mentions')}
          </span>{' '}
          <span className="muted">since {formatAbsolute(idea.createdAt)}</span>
        </p>
        {idea.description ? <UserText as="p" text={idea.description} /> : null}
        {idea.declinedReason ? (
          <p className="idea-card__reason">
            Declined because: <UserText text={idea.declinedReason} />
          </p>
        ) : null}
        <IdeaMentions workspaceId={workspaceId} idea={idea} />
        {idea.status !== 'merged' && idea.mentionCount > 0 ? (
          <p>
            <Link href={paths.idea(workspaceId, idea.id)}>
              Tell customers<span className="visually-hidden"> about this idea</span>, and who was
              told
            </Link>
          </p>
        ) : null}
        <div className="settings-inline">
          {canVote && idea.status !== 'merged' ? (
            <button
              type="button"
              className={idea.votedByMe ? 'button button--primary' : 'button'}
              aria-pressed={idea.votedByMe}
              disabled={change.isPending}
              onClick={() =>
                change.mutate({ kind: idea.votedByMe ? 'unvote' : 'vote', id: idea.id })
              }
            >
              {idea.votedByMe ? 'Voted' : 'Vote'}
              <span className="visually-hidden"> for this idea</span>
            </button>
          ) : null}
          {canManage ? (
            <>
              <IdeaStatusForm idea={idea} pending={change.isPending} onChange={change.mutate} />
              <IdeaMergeForm
                idea={idea}
                others={others}
                pending={change.isPending}
                onChange={change.mutate}
              />
            </>
          ) : null}
        </div>
        <ChangeError error={change.error} />
      </article>
    </li>
  );
}
