import { useEffect, useRef, useState } from 'react';

interface Props {
  /** Fills the bar; returns why the text cannot be read, or null when it was taken. */
  onImport: (text: string) => string | null;
  onClose: () => void;
}

/** A modal with a text area for a curl command or fetch snippet (Import request…). */
export function ImportRequestDialog({ onImport, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  const submit = () => {
    const problem = onImport(text);
    if (problem === null) onClose();
    else setError(problem);
  };

  return (
    <dialog
      ref={dialog}
      className="import-request-dialog"
      aria-labelledby="import-request-title"
      onCancel={onClose}
    >
      <h2 id="import-request-title">Import request</h2>
      <p className="muted">
        Paste a curl command (DevTools “Copy as cURL”, bash or cmd, or an API’s docs) or a “Copy as
        fetch” snippet. It replaces the request in the bar.
      </p>
      <textarea
        aria-label="Command to import"
        rows={10}
        spellCheck={false}
        autoFocus
        placeholder={"curl 'https://api.example.com/v1/stream' \\\n  -H 'Authorization: Bearer …'"}
        value={text}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : 'import-request-error'}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
      />
      {error !== null && (
        <p id="import-request-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="import-request-actions">
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={text.trim() === ''}
          onClick={submit}
        >
          Import
        </button>
      </div>
    </dialog>
  );
}
