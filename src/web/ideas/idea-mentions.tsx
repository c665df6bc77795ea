import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { networkName } from '../../domain/networks.ts';
import { LongText } from '../text/long-text.tsx';
import { UserText } from '../text/user-text.tsx';
import { fetchIdeaMentions } from './ideas-client.ts';
import { plural } from './idea-labels.ts';
import type { Idea } from '../../api/contract.ts';

/** The customers' own words an idea came from, fetched when asked for. */
export function IdeaMentions({ workspaceId, idea }: { workspaceId: string; idea: Idea }) {
  const [open, setOpen] = useState(false);
  const listId = `idea-${idea.id}-mentions`;
  if (idea.mentionCount === 0) return null;
  return (
    <div className="idea-mentions">
      <button
        type="button"
        className="button button--quiet"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide' : 'Show'} {plural(idea.mentionCount, 'mention', 'mentions')}
      </button>
      {open ? <MentionList id={listId} workspaceId={workspaceId} ideaId={idea.id} /> : null}
    </div>
  );
}

function MentionList({
  id,
  workspaceId,
  ideaId,
}: {
  id: string;
  workspaceId: string;
  ideaId: string;
}) {
  const detail = useQuery({
    queryKey: ['ideas', workspaceId, 'detail', ideaId],
    queryFn: () => fetchIdeaMentions(workspaceId, ideaId),
  });
  if (detail.isError) {
    return (
      <p id={id} role="alert" className="form-error">
        The mentions did not load: {detail.error.message}
      </p>
    );
  }
  return (
    <ul id={id} className="idea-mentions__list" aria-busy={detail.isPending}>
      {(detail.data?.mentions ?? []).map((mention) => (
        <li key={mention.id} className="idea-mention">
          <p className="muted">
            <UserText text={mention.authorHandle} /> on {networkName(mention.network)},{' '}
            {formatAbsolute(mention.postedAt)} ·{' '}
            <Link href={paths.conversation(workspaceId, mention.conversationId)}>
              Open the conversation
            </Link>
          </p>
          <LongText text={mention.text} className="idea-mention__text" />
        </li>
      ))}
    </ul>
  );
}
