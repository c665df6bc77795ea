import { useDeferredValue, useMemo } from 'react';
import { replyLengthLimits, type Network } from '../../domain/network.ts';
import { checkTone } from '../../domain/tone-check.ts';

type ToneAdviceProps = { text: string; network: string; answersComplaint: boolean; id: string };

const isNetwork = (value: string): value is Network => Object.hasOwn(replyLengthLimits, value);

/**
 * The tone check's advice on a draft, as the agent types. It advises only: sending stays
 * allowed. Length is left to the composer's own counter.
 */
export function ToneAdvice({ text, network, answersComplaint, id }: ToneAdviceProps) {
  // Deferred so typing stays instant while the rules run on the latest settled text.
  const draft = useDeferredValue(text);
  const flags = useMemo(
    () =>
      draft.trim() && isNetwork(network)
        ? checkTone({ text: draft, network, answersComplaint }).filter((f) => f.code !== 'too_long')
        : [],
    [draft, network, answersComplaint],
  );
  return (
    <div id={id} className="tone-advice" aria-live="polite">
      {flags.length > 0 ? (
        <>
          <h2 className="tone-advice__title">Tone check</h2>
          <ul>
            {flags.map((flag) => (
              <li key={flag.code}>
                <strong>{flag.message}</strong> {flag.suggestion}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
