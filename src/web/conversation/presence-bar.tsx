import type { Presence } from '../../api/contract.ts';

type PresenceBarProps = { others: Presence[]; nameOf: (userId: string) => string };

/** Who else has this conversation open, and who is typing: told politely to screen readers. */
export function PresenceBar({ others, nameOf }: PresenceBarProps) {
  const typing = others.filter((p) => p.state === 'typing').map((p) => nameOf(p.userId));
  const viewing = others.filter((p) => p.state === 'viewing').map((p) => nameOf(p.userId));
  return (
    <p className="presence" role="status">
      {typing.length > 0 ? (
        <span className="presence__typing">{`${list(typing)} ${typing.length > 1 ? 'are' : 'is'} typing a reply…`}</span>
      ) : null}
      {viewing.length > 0 ? (
        <span className="presence__viewing">{`${list(viewing)} ${viewing.length > 1 ? 'are' : 'is'} viewing this conversation`}</span>
      ) : null}
    </p>
  );
}

export function list(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
