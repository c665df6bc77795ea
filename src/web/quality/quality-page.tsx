import type { Role } from '../../api/contract.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { useScorecards } from './quality-client.ts';
import { ReviewQueue } from './review-queue.tsx';
import { ReviewsList } from './reviews-list.tsx';
import { ScorecardsPanel } from './scorecards-panel.tsx';
import './quality.css';

/**
 * Coaching and quality review. A manager (admin or owner) works through the week's review
 * queue, keeps the scorecards and reads every review; an agent reads the reviews of their own
 * replies and the coaching notes.
 */
export function QualityPage({
  workspaceId,
  userId,
  role,
}: {
  workspaceId: string;
  userId: string;
  role: Role;
}) {
  useDocumentTitle('Quality');
  const manager = role === 'admin' || role === 'owner';
  const scorecards = useScorecards(workspaceId);
  const cards = scorecards.data?.items ?? [];
  return (
    <section className="settings quality" aria-labelledby="page-title">
      <h1 id="page-title">Quality</h1>
      {role === 'viewer' ? (
        <p className="muted">Reviews are for agents and their leads; a viewer has none.</p>
      ) : null}
      {manager ? (
        <ReviewQueue workspaceId={workspaceId} userId={userId} scorecards={cards} />
      ) : null}
      {role !== 'viewer' ? (
        <ReviewsList workspaceId={workspaceId} title={manager ? 'All reviews' : 'Your reviews'} />
      ) : null}
      {manager ? <ScorecardsPanel workspaceId={workspaceId} scorecards={cards} /> : null}
    </section>
  );
}
