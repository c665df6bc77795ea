import { useEffect, useRef, type RefObject } from 'react';

/** How near the end (in pixels) still counts as reading the newest post. */
const nearEnd = 48;

/**
 * Keeps a scrolling thread at its newest post, at the bottom: on opening, and whenever it grows
 * (a new post, a label that loaded late) while the reader was at the end. Someone scrolled up
 * to read older posts stays where they are. Nothing happens where the box does not scroll.
 */
export function useNewestInView(box: RefObject<HTMLElement | null>): () => void {
  const atEnd = useRef(true);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const toEnd = () => {
      if (atEnd.current) element.scrollTop = element.scrollHeight;
    };
    toEnd();
    const observer = new ResizeObserver(toEnd);
    for (const child of element.children) observer.observe(child);
    observer.observe(element);
    return () => observer.disconnect();
  }, [box]);
  // Only moving up leaves the end: the box shrinking (the composer grew) or our own scroll to
  // the end must not count as the reader leaving it.
  const lastTop = useRef(0);
  return () => {
    const element = box.current;
    if (!element) return;
    if (element.scrollHeight - element.scrollTop - element.clientHeight < nearEnd)
      atEnd.current = true;
    else if (element.scrollTop < lastTop.current - 1) atEnd.current = false;
    lastTop.current = element.scrollTop;
  };
}
