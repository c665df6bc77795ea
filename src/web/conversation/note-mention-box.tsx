import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type KeyboardEvent,
} from 'react';
import { useMembers } from '../api/queries.ts';
import type { Member } from '../../api/contract.ts';
import { insertMention, matchMembers, mentionQueryAt } from '../../domain/teammate-mentions.ts';

type NoteMentionBoxProps = ComponentPropsWithRef<'textarea'> & {
  value: string;
  workspaceId: string;
  /** Whether typing `@` offers teammates (in note mode); otherwise a plain text box. */
  offerTeammates: boolean;
  /** The whole new text after a teammate was picked. */
  onPick: (text: string) => void;
};

/**
 * The composer's text box. In a note, typing `@` lists the workspace's members under it: the
 * arrows move through them, Enter or Tab picks one (written as `@Name`, which the server turns
 * into a mention), Escape closes the list. A textbox with an autocomplete listbox, as ARIA
 * describes it: the focus stays in the text while aria-activedescendant names the option.
 */
export function NoteMentionBox({
  value,
  workspaceId,
  offerTeammates,
  onPick,
  onKeyDown,
  ref,
  ...textarea
}: NoteMentionBoxProps) {
  const members = useMembers(workspaceId);
  const own = useRef<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);
  const listId = useId();
  const query = offerTeammates && caret !== null ? mentionQueryAt(value, caret) : null;
  const options: Member[] =
    query && query.start !== dismissedAt
      ? matchMembers(members.data?.items ?? [], query.query)
      : [];
  const open = options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;

  // After a pick the caret goes after the inserted name, once React has put the text in.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at === null || !own.current) return;
    pendingCaret.current = null;
    own.current.setSelectionRange(at, at);
    setCaret(at);
  }, [value]);

  const track = () => {
    const at = own.current?.selectionStart ?? null;
    setCaret(at);
    // Away from any `@…`: a list closed with Escape (or by a pick) may open for the next one.
    if (at === null || !mentionQueryAt(own.current?.value ?? '', at)) setDismissedAt(null);
  };
  const pick = (member: Member) => {
    if (!query || caret === null) return;
    const next = insertMention(value, query.start, caret, member.name);
    pendingCaret.current = next.caret;
    // The picked name is itself an `@…` at the caret: keep the list shut until the next `@`.
    setDismissedAt(query.start);
    setActive(0);
    onPick(next.text);
  };
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        setActive((activeIndex + step + options.length) % options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(options[activeIndex]!);
        return;
      }
      if (event.key === 'Escape') {
        // Closes the list only; a second Escape leaves the box as usual.
        event.preventDefault();
        setDismissedAt(query?.start ?? null);
        return;
      }
    }
    onKeyDown?.(event);
  };

  return (
    <div className="note-mention-box">
      <textarea
        {...textarea}
        ref={(element) => {
          own.current = element;
          if (typeof ref === 'function') ref(element);
          else if (ref) ref.current = element;
        }}
        value={value}
        onKeyDown={keyDown}
        onSelect={track}
        onKeyUp={track}
        onClick={track}
        onInput={track}
        aria-autocomplete={offerTeammates ? 'list' : undefined}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label="Teammates to mention" className="mention-list">
          {options.map((member, index) => (
            <li
              key={member.userId}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? 'mention-list__option--active' : undefined}
              // Keep the focus (and the caret) in the text box while choosing with the mouse.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(member)}
            >
              {member.name} <span className="muted">{member.email}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <span className="visually-hidden" aria-live="polite">
        {open
          ? `${options.length} ${options.length === 1 ? 'teammate matches' : 'teammates match'}; up and down arrows to choose, Enter to mention.`
          : ''}
      </span>
    </div>
  );
}
