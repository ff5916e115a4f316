import { useEffect, useRef } from 'react';
import { appCommands, describeAccelerator } from '../../../shared/desktop/app-commands.ts';
import { isMac } from './use-app-commands.ts';

/**
 * The keyboard shortcuts sheet: a modal dialog listing every command with its keys for this
 * platform (the same list the desktop menus show). Escape or Close shuts it and focus goes
 * back where it was.
 */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const returnTo = document.activeElement;
    element?.showModal();
    return () => {
      element?.close();
      if (returnTo instanceof HTMLElement) returnTo.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-dialog"
      // Escape fires `cancel`: let React unmount it, which closes it and restores focus.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Command</th>
            <th scope="col">Keys</th>
          </tr>
        </thead>
        <tbody>
          {appCommands.map((command) => (
            <tr key={command.id}>
              <td>{command.label}</td>
              <td>
                <kbd>{describeAccelerator(command.keys, isMac)}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        In the timeline: ↑ ↓ Page Up, Page Down, Home and End move the selection. Pane dividers move
        with the arrow keys.
      </p>
      <button type="button" className="button-primary" autoFocus onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
