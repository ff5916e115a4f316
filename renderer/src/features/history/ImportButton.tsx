import { useRef, useState } from 'react';
import { useInspectorApi } from '../../api/api-context.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import { toBase64 } from '../../lib/base64.ts';
import { FeedbackLine, type Feedback } from '../../lib/FeedbackLine.tsx';

/** Imports a session file, a HAR or a raw capture picked by the user. */
export function ImportButton({ onImported }: { onImported: (sessionId: number) => void }) {
  const api = useInspectorApi();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<Feedback | null>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.importSession(file.name, toBase64(await file.arrayBuffer()));
      const first = result.sessions[0];
      const count = result.sessions.length;
      setMessage({
        error: false,
        text: [`Imported ${count} session${count === 1 ? '' : 's'}.`, ...result.notes].join(' '),
      });
      if (first) onImported(first.sessionId);
    } catch (e) {
      setMessage({ error: true, text: errorMessage(e) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <button
        type="button"
        className="small-button"
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {busy ? 'Importing…' : 'Import…'}
      </button>
      <input
        ref={input}
        type="file"
        className="offscreen"
        aria-label="Import session file"
        accept=".json,.har,.sse,.txt,.ndjson,application/json,text/event-stream,text/plain"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      <FeedbackLine feedback={message} />
    </>
  );
}
