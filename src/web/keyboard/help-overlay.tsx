import { useEffect, useRef } from 'react';
import { shortcuts } from './shortcuts.ts';

type HelpOverlayProps = { open: boolean; onClose: () => void };

/**
 * The list of shortcuts in a modal dialog: the browser keeps focus inside it, Esc closes it,
 * and focus returns to where it was.
 */
export function HelpOverlay({ open, onClose }: HelpOverlayProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);
  const onClosed = () => {
    onClose();
    // The close event can come after the next key press (`/` right after Esc on a busy
    // machine): give the focus back only if it is nowhere, never take it from where it went.
    const nowhere =
      document.activeElement === document.body || dialog.current?.contains(document.activeElement);
    if (nowhere && returnTo.current instanceof HTMLElement) returnTo.current.focus();
  };
  return (
    <dialog
      ref={dialog}
      className="help-overlay"
      aria-labelledby="shortcuts-title"
      onClose={onClosed}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.action}>
              <td>
                {shortcut.keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="button button--primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
