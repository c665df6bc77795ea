import { useEffect, useId, useRef, useState } from 'react';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { networkName } from '../../domain/networks.ts';
import { UserText } from '../text/user-text.tsx';
import { useMarkMentionsSeen, useNoteMentions, type NoteMention } from './note-api.ts';
import './customer-history.css';

/** A note's first words: enough to know what it is about in a short list. */
const excerptLength = 160;

/**
 * "Mentioned you" in the header on every page: how many notes name you that you have not
 * opened yet, and, behind the button, the latest ones with a link to each conversation. The
 * count stays live through the shell's event stream (a new note refetches it).
 */
export function NoteMentionsIndicator({ workspaceId }: { workspaceId: string }) {
  const mentions = useNoteMentions(workspaceId);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const unseen = mentions.data?.unseen ?? 0;
  const label = unseen === 1 ? '1 new mention of you' : `${unseen} new mentions of you`;
  useEffect(() => {
    if (!open) return;
    const close = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);
  return (
    <div className="note-mentions">
      <button
        type="button"
        className={
          unseen > 0 ? 'note-mentions__button note-mentions__button--new' : 'note-mentions__button'
        }
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Mentioned you ${unseen}`}
        onClick={() => setOpen(!open)}
      >
        <span className="note-mentions__word">Mentioned you</span>{' '}
        <span className="note-mentions__count">{unseen}</span>
      </button>
      <span className="visually-hidden" aria-live="polite">
        {mentions.isSuccess ? label : ''}
      </span>
      <div id={panelId} className="note-mentions__panel" hidden={!open}>
        {mentions.data && mentions.data.items.length === 0 ? (
          <p className="muted">No teammate has mentioned you in a note yet.</p>
        ) : (
          <ol className="note-mentions__list" aria-label="Notes that mention you">
            {mentions.data?.items.map((item) => (
              <MentionEntry
                key={item.noteId}
                workspaceId={workspaceId}
                item={item}
                onOpen={() => setOpen(false)}
              />
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

type EntryProps = { workspaceId: string; item: NoteMention; onOpen: () => void };

function MentionEntry({ workspaceId, item, onOpen }: EntryProps) {
  const body =
    item.body.length > excerptLength ? `${item.body.slice(0, excerptLength)}…` : item.body;
  return (
    <li
      className={
        item.seenAt ? 'note-mentions__item' : 'note-mentions__item note-mentions__item--new'
      }
    >
      <Link href={paths.conversation(workspaceId, item.conversationId)} onClick={onOpen}>
        <UserText text={item.author.name ?? 'A teammate'} /> mentioned you on{' '}
        <UserText text={item.contactName} /> ({networkName(item.network)})
        {item.seenAt ? null : <span className="visually-hidden"> (new)</span>}
      </Link>
      <UserText as="p" text={body} className="note-mentions__body" />
      <time className="muted" dateTime={item.createdAt}>
        {formatAbsolute(item.createdAt)}
      </time>
    </li>
  );
}

/** Opening a conversation counts as seeing the notes in it that mention you. */
export function useSeeMentionsIn(workspaceId: string, conversationId: string) {
  const mentions = useNoteMentions(workspaceId);
  const { mutate } = useMarkMentionsSeen(workspaceId);
  const asked = useRef('');
  const waiting = (mentions.data?.items ?? [])
    .filter((item) => item.conversationId === conversationId && !item.seenAt)
    .map((item) => item.noteId)
    .join(',');
  useEffect(() => {
    // Once per set of unseen notes: the list refetches after marking, and must not ask again.
    if (!waiting || asked.current === waiting) return;
    asked.current = waiting;
    mutate(conversationId);
  }, [waiting, mutate, conversationId]);
}
