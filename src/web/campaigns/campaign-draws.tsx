import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CampaignDetail, Role } from '../../api/contract.ts';
import { ChangeError } from '../settings/change-outcome.tsx';
import { formatAbsolute } from '../text/format-time.ts';
import { UserText } from '../text/user-text.tsx';
import { drawMethodLabels } from './campaign-labels.ts';
import { CampaignMessages } from './campaign-messages.tsx';
import { useDrawWinners } from './campaigns-client.ts';

type Draw = CampaignDetail['draws'][number];
type Props = { workspaceId: string; campaignId: string; role: Role; campaign: CampaignDetail };

/** The recorded draws, newest first, each with how to repeat it and its messages; a new pick. */
export function CampaignDraws(props: Props) {
  const { campaign } = props;
  const canManage = props.role === 'admin' || props.role === 'owner';
  const handles = new Map(campaign.leaderboard.map((e) => [e.authorExternalId, e.authorHandle]));
  const newestFirst = [...campaign.draws].reverse();
  return (
    <section aria-labelledby="campaign-draws">
      <h2 id="campaign-draws">Winners</h2>
      {canManage ? <PickWinners {...props} /> : null}
      {newestFirst.length === 0 ? <p className="muted">No winners picked yet.</p> : null}
      {newestFirst.map((draw, index) => (
        <DrawCard
          key={draw.id}
          {...props}
          draw={draw}
          handles={handles}
          open={index === 0}
          canManage={canManage}
        />
      ))}
    </section>
  );
}

function PickWinners(props: Props) {
  const pick = useDrawWinners(props.workspaceId, props.campaignId);
  const [method, setMethod] = useState<'most_shares' | 'random'>('most_shares');
  const [winners, setWinners] = useState('1');
  const [seed, setSeed] = useState('');
  const [error, setError] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    const count = Number(winners);
    if (!Number.isInteger(count) || count < 1 || count > 100) {
      setError('Pick between 1 and 100 winners.');
      return;
    }
    setError('');
    pick.mutate({
      method,
      winners: count,
      seed: method === 'random' && seed.trim() ? seed.trim() : null,
    });
  }
  return (
    <form
      className="settings-card campaign-pick"
      onSubmit={submit}
      aria-label="Pick winners"
      noValidate
    >
      <h3>Pick winners</h3>
      <div className="campaign-form__row">
        <div className="field">
          <label htmlFor="draw-method">How</label>
          <select
            id="draw-method"
            value={method}
            onChange={(event) => setMethod(event.target.value as 'most_shares' | 'random')}
          >
            <option value="most_shares">Most shares (the leaderboard’s top)</option>
            <option value="random">Random draw among entrants</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="draw-winners">Winners</label>
          <input
            id="draw-winners"
            inputMode="numeric"
            value={winners}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'draw-winners-error' : undefined}
            onChange={(event) => setWinners(event.target.value)}
          />
          {error ? (
            <p className="form-error" id="draw-winners-error">
              {error}
            </p>
          ) : null}
        </div>
        {method === 'random' ? (
          <div className="field">
            <label htmlFor="draw-seed">Published seed (optional)</label>
            <input
              id="draw-seed"
              value={seed}
              aria-describedby="draw-seed-hint"
              onChange={(event) => setSeed(event.target.value)}
            />
            <p className="muted field__hint" id="draw-seed-hint">
              Announce it before drawing (a future lottery number, say); one is made if empty.
            </p>
          </div>
        ) : null}
      </div>
      <button type="submit" className="button button--primary" disabled={pick.isPending}>
        Pick winners
      </button>
      <ChangeError error={pick.error} />
    </form>
  );
}

function DrawCard(
  props: Props & { draw: Draw; handles: Map<string, string>; open: boolean; canManage: boolean },
) {
  const { draw, handles } = props;
  const [open, setOpen] = useState(props.open);
  const uniqueEntrants = new Set(draw.entrantIds).size;
  return (
    <article
      className="settings-card campaign-draw"
      aria-label={`Draw of ${formatAbsolute(draw.drawnAt)}`}
    >
      <h3>
        {drawMethodLabels[draw.method]}, {formatAbsolute(draw.drawnAt)}
      </h3>
      <p>
        Winners:{' '}
        {draw.winnerIds.length === 0
          ? 'none (no entrants)'
          : draw.winnerIds.map((id, index) => (
              <span key={id}>
                {index > 0 ? ', ' : ''}@<UserText text={handles.get(id) ?? id} />
              </span>
            ))}
      </p>
      <p className="muted">
        {draw.entrantIds.length} entries from {uniqueEntrants} people
        {draw.seed !== null ? (
          <>
            {' · seed '}
            <code>
              <UserText text={draw.seed} />
            </code>
          </>
        ) : null}
      </p>
      <details className="campaign-draw__repeat">
        <summary>How to repeat this draw</summary>
        {draw.method === 'random' ? (
          <p>
            Sort the entrant ids below. Give each of a person’s entries a number from 0; an entry’s
            score is the SHA-256 (hex) of <code>seed:authorId:number</code>. The lowest scores win,
            one win per person. <code>drawWinners</code> in Earshot’s{' '}
            <code>src/domain/campaign-draw.ts</code> does exactly this.
          </p>
        ) : (
          <p>
            The top {draw.winnerCount} of the leaderboard when the pick was made, ranked by the
            stated tie-break.
          </p>
        )}
        <p>Entrants, sorted:</p>
        <UserText as="pre" className="campaign-draw__entrants" text={draw.entrantIds.join('\n')} />
      </details>
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide messages' : 'Announce and message winners'}
      </button>
      {open ? (
        <CampaignMessages
          workspaceId={props.workspaceId}
          campaignId={props.campaignId}
          drawId={draw.id}
          canSend={props.canManage}
        />
      ) : null}
    </article>
  );
}
