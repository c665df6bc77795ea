import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '../../api/contract.ts';
import { ConversationRow } from './conversation-row.tsx';

type InboxListProps = {
  workspaceId: string;
  label: string;
  conversations: ConversationSummary[];
  /** The conversation open beside the list, marked as the current page. */
  openId: string | null;
  nameOf: (assigneeId: string | null) => string | null;
  now: number;
  selected: number;
  onSelect: (index: number) => void;
  /** The conversations ticked for a bulk action. */
  checked: ReadonlySet<string>;
  onCheck: (index: number, checked: boolean, range: boolean) => void;
  /** More pages exist: asked for when the end of the list comes near. */
  hasMore: boolean;
  loadMore: () => void;
};

/** Rows the list keeps ready beyond the screen, and how near the end the next page loads. */
const overscan = 6;
const loadAhead = 15;

/**
 * The inbox as a virtual list: only the rows near the screen exist in the page, so a queue of a
 * million conversations scrolls like one of fifty. Rows measure their own height.
 */
export function InboxList(props: InboxListProps) {
  const { conversations, selected, hasMore, loadMore } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    setScrollMargin(listRef.current?.offsetTop ?? 0);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: conversations.length,
    estimateSize: () => 104,
    overscan,
    scrollMargin,
    getItemKey: (index) => conversations[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && lastShown >= conversations.length - loadAhead) loadMore();
  }, [hasMore, lastShown, conversations.length, loadMore]);

  // The selection moved by keyboard: bring its row on screen, then give it the focus. When the
  // list changes under it (the row was resolved), the next row takes the focus it had.
  const focused = useRef(-1);
  const order = conversations.map((c) => c.id).join();
  useEffect(() => {
    if (selected < 0) return;
    const moved = focused.current !== selected;
    if (!moved && document.activeElement !== document.body) return;
    focused.current = selected;
    // Selected by a click (the row's link has the focus already): scrolling now would move the
    // row from under the pointer between press and release, and the click would be lost.
    const row = listRef.current?.querySelector(`[data-index="${selected}"] a`);
    if (row && document.activeElement === row) return;
    virtualizer.scrollToIndex(selected, { align: 'auto' });
    const focusWas = document.activeElement;
    const frame = requestAnimationFrame(() => {
      // Moved elsewhere meanwhile (`/` to the search box, say): leave the focus there.
      if (document.activeElement !== focusWas && document.activeElement !== document.body) return;
      const link = listRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"] a`);
      if (link && document.activeElement !== link) link.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [selected, virtualizer, order]);

  return (
    <ul
      ref={listRef}
      className="inbox-list"
      aria-label={props.label}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {items.map((item) => {
        const conversation = conversations[item.index]!;
        return (
          <ConversationRow
            key={item.key}
            rowRef={virtualizer.measureElement}
            workspaceId={props.workspaceId}
            conversation={conversation}
            assigneeName={props.nameOf(conversation.assigneeId)}
            now={props.now}
            position={item.index + 1}
            setSize={hasMore ? -1 : conversations.length}
            selected={item.index === selected}
            open={conversation.id === props.openId}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
            }}
            onFocus={() => props.onSelect(item.index)}
            checked={props.checked.has(conversation.id)}
            onCheck={(checked, range) => props.onCheck(item.index, checked, range)}
          />
        );
      })}
    </ul>
  );
}
