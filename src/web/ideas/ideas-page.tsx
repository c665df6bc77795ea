import { useState } from 'react';
import type { Role } from '../../api/contract.ts';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { IdeaCard } from './idea-card.tsx';
import { useIdeas, type IdeaSort } from './ideas-client.ts';

type IdeasPageProps = { workspaceId: string; role: Role };

/** The ideas customers gave, promoted from their mentions: voted by the team, moved by admins. */
export function IdeasPage({ workspaceId, role }: IdeasPageProps) {
  useDocumentTitle('Ideas');
  const [sort, setSort] = useState<IdeaSort>('top');
  const ideas = useIdeas(workspaceId, sort);
  const items = ideas.data?.items ?? [];
  return (
    <section className="settings ideas" aria-labelledby="page-title">
      <h1 id="page-title">Ideas</h1>
      <p className="muted">
        Feature requests and suggestions promoted from customers’ mentions. Promote one from a
        conversation; vote for the ones that matter.
      </p>
      <p>
        <Link href={paths.inbox(workspaceId, new URLSearchParams({ socialIntent: 'idea' }))}>
          Ideas inbox: posts triaged as ideas
        </Link>{' '}
        <span className="muted">
          (a brand’s ideas channel, set in its settings, lands here too)
        </span>
      </p>
      <div className="field field--inline">
        <label htmlFor="ideas-sort">Sort by</label>
        <select
          id="ideas-sort"
          value={sort}
          onChange={(event) => setSort(event.target.value as IdeaSort)}
        >
          <option value="top">Most voted</option>
          <option value="new">Newest</option>
        </select>
      </div>
      {ideas.isError ? (
        <p role="alert" className="form-error">
          The ideas did not load: {ideas.error.message}
        </p>
      ) : null}
      {ideas.isPending ? <p className="muted">Loading ideas…</p> : null}
      {ideas.isSuccess && items.length === 0 ? (
        <p className="muted">No ideas yet.</p>
      ) : (
        <ul className="settings-list" aria-label="Ideas">
          {items.map((idea) => (
            <IdeaCard
              key={idea.id}
              workspaceId={workspaceId}
              idea={idea}
              others={items}
              canVote={role !== 'viewer'}
              canManage={role === 'admin' || role === 'owner'}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
