import { useId, useState, type FormEvent } from 'react';
import type { Scorecard } from '../../api/contract.ts';
import { ChangeError, SaveOutcome } from '../settings/change-outcome.tsx';
import { UserText } from '../text/user-text.tsx';
import { useQualityChanges, useQualitySettings } from './quality-client.ts';

const starter = ['Accuracy', 'Empathy', 'Tone', 'Resolution', 'Brand voice'].map((name) => ({
  name,
  weight: 1,
}));

/** The weekly sample rate, the scorecards, and the form that makes another. */
export function ScorecardsPanel({
  workspaceId,
  scorecards,
}: {
  workspaceId: string;
  scorecards: Scorecard[];
}) {
  const { archiveScorecard } = useQualityChanges(workspaceId);
  return (
    <section aria-labelledby="scorecards-title" className="quality-scorecards">
      <h2 id="scorecards-title">Scorecards</h2>
      <SampleRate workspaceId={workspaceId} />
      <ul className="quality-scorecards__list">
        {scorecards.map((card) => (
          <li key={card.id}>
            <UserText text={card.name} className="message__name" />
            {card.archivedAt ? <span className="badge">archived</span> : null}
            <span className="muted">
              {' '}
              {card.criteria.map((c) => `${c.name} ×${c.weight}`).join(', ')}
            </span>
            {card.archivedAt ? null : (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => archiveScorecard.mutate(card.id)}
              >
                Archive
              </button>
            )}
          </li>
        ))}
      </ul>
      <ChangeError error={archiveScorecard.error} />
      <NewScorecard workspaceId={workspaceId} />
    </section>
  );
}

function SampleRate({ workspaceId }: { workspaceId: string }) {
  const settings = useQualitySettings(workspaceId);
  const { saveSettings } = useQualityChanges(workspaceId);
  const [value, setValue] = useState<string | null>(null);
  const id = useId();
  const shown = value ?? String(settings.data?.samplePerAgent ?? '');
  return (
    <form
      className="quality-sample"
      onSubmit={(event) => {
        event.preventDefault();
        saveSettings.mutate({ samplePerAgent: Number(shown) });
      }}
    >
      <label htmlFor={id}>Replies of each agent to review per week</label>
      <input
        id={id}
        type="number"
        min={0}
        max={50}
        required
        value={shown}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" className="button" disabled={saveSettings.isPending}>
        Save rate
      </button>
      <SaveOutcome change={saveSettings} />
    </form>
  );
}

function NewScorecard({ workspaceId }: { workspaceId: string }) {
  const { createScorecard } = useQualityChanges(workspaceId);
  const [name, setName] = useState('');
  const [criteria, setCriteria] = useState(starter);
  const nameId = useId();
  const change = (index: number, patch: Partial<(typeof starter)[number]>) =>
    setCriteria(criteria.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    createScorecard.mutate(
      { name, criteria: criteria.filter((c) => c.name.trim() !== '') },
      {
        onSuccess: () => {
          setName('');
          setCriteria(starter);
        },
      },
    );
  };
  return (
    <form className="settings-form" onSubmit={submit} aria-label="New scorecard">
      <h3>New scorecard</h3>
      <p className="muted">
        Criteria are scored 1–5; the weights say how much each counts. A scorecard cannot be changed
        once made (its reviews keep their meaning): archive it and make another.
      </p>
      <label htmlFor={nameId}>Name</label>
      <input
        id={nameId}
        required
        maxLength={200}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <table className="quality-criteria">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Weight</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((criterion, index) => (
            <tr key={index}>
              <td>
                <input
                  aria-label={`Criterion ${index + 1}`}
                  maxLength={200}
                  value={criterion.name}
                  onChange={(event) => change(index, { name: event.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Weight of criterion ${index + 1}`}
                  type="number"
                  min={1}
                  max={100}
                  value={criterion.weight}
                  onChange={(event) => change(index, { weight: Number(event.target.value) })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="button button--quiet"
        disabled={criteria.length >= 12}
        onClick={() => setCriteria([...criteria, { name: '', weight: 1 }])}
      >
        Add a criterion
      </button>
      <button type="submit" className="button button--primary" disabled={createScorecard.isPending}>
        Make scorecard
      </button>
      <ChangeError error={createScorecard.error} />
    </form>
  );
}
