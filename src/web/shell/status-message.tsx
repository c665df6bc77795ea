import { useEffect, type ReactNode } from 'react';

type StatusMessageProps = {
  title: string;
  tone?: 'info' | 'error';
  /** Inside the app shell (which owns `<main>`), rather than a whole page of its own. */
  inline?: boolean;
  children?: ReactNode;
};

/** A whole-page (or whole-panel) message: loading, failure, nothing here. */
export function StatusMessage({
  title,
  tone = 'info',
  inline = false,
  children,
}: StatusMessageProps) {
  useDocumentTitle(title);
  const body = (
    <div
      className={`status-message status-message--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      <h1>{title}</h1>
      {children ? <p>{children}</p> : null}
    </div>
  );
  return inline ? body : <main className="status-page">{body}</main>;
}

/** Sets the tab's title, so screen-reader users and tab strips know which page this is. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title !== null) document.title = `${title} · Earshot`;
  }, [title]);
}
