import { useState } from 'react';
import type {
  ReplayInfo,
  SessionExportFormat,
  SessionListItem,
} from '../../../../shared/ipc/api.ts';
import { checkCorsOrigin } from '../../../../shared/cors-origin.ts';
import { secretsNeedingValue } from '../../../../shared/secrets/index.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { describeExport } from '../../format/describe-export.ts';
import { copyText } from '../../lib/clipboard.ts';
import { startDownload } from '../../lib/download.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { specToDraft } from '../../store/request-draft.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import { FeedbackLine, type Feedback } from '../../lib/FeedbackLine.tsx';

interface SessionActionsProps {
  session: SessionListItem;
  onChanged: () => void;
  onDeleted: () => void;
}

/** Run again, rename, delete, export and replay one recorded session. */
export function SessionActions({ session, onChanged, onDeleted }: SessionActionsProps) {
  const api = useInspectorApi();
  const [name, setName] = useState(session.name);
  const [format, setFormat] = useState<SessionExportFormat>('json');
  const [speed, setSpeed] = useState('1');
  const [loop, setLoop] = useState(false);
  const [corsOn, setCorsOn] = useState(false);
  const [corsOrigin, setCorsOrigin] = useState('');
  const [replay, setReplay] = useState<ReplayInfo | null>(null);
  const [message, setMessage] = useState<Feedback | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);

  const run = (action: () => Promise<void>) => {
    setMessage(null);
    action().catch((e: unknown) => setMessage({ error: true, text: errorMessage(e) }));
  };

  const exportSession = () =>
    run(async () => {
      setProgress(0);
      const unsubscribe = api.onExportProgress((update) => {
        if (update.sessionId === session.id && update.total > 0) {
          setProgress(update.done / update.total);
        }
      });
      const outcome = await api.exportSession(session.id, format).finally(() => {
        unsubscribe();
        setProgress(null);
      });
      // Web host: the file waits behind a one-time link.
      if (outcome.status === 'download') startDownload(outcome.url, outcome.fileName);
      const text = describeExport(outcome);
      if (text !== null) setMessage({ error: false, text });
    });

  /**
   * The recorded request back in the request bar, run at once unless its secrets are needed:
   * recorded sessions keep "[REDACTED]" where they were, and the bar asks for them in place.
   */
  const runAgain = () =>
    run(async () => {
      const spec = await api.getSessionRequest(session.id);
      const store = useInspectorStore.getState();
      store.updateDraft(specToDraft(spec));
      const missing = secretsNeedingValue(spec);
      const ready = store.validateDraft();
      if (ready === null) {
        if (missing.length > 0) {
          setMessage({
            error: false,
            text: `Needs a value in the request bar: ${missing.join(', ')} (secrets are not kept in history).`,
          });
        }
        return;
      }
      store.upsertStatuses([await api.connect(ready)]);
    });

  return (
    <div className="session-actions" data-testid="session-actions">
      <div className="action-row">
        <button
          type="button"
          className="small-button"
          title="Fill the request bar with this session's request and connect"
          onClick={runAgain}
        >
          Run again
        </button>
      </div>
      <form
        className="action-row"
        onSubmit={(event) => {
          event.preventDefault();
          run(async () => {
            await api.renameSession(session.id, name);
            onChanged();
          });
        }}
      >
        <input aria-label="Session name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="small-button">
          Rename
        </button>
      </form>
      <div className="action-row">
        <select
          aria-label="Export format"
          value={format}
          onChange={(e) => setFormat(e.target.value as SessionExportFormat)}
        >
          <option value="json">Session file (.ssesession.json)</option>
          <option value="har">HAR 1.2</option>
          <option value="ndjson">Events (NDJSON)</option>
          <option value="raw">Raw stream bytes</option>
        </select>
        <button
          type="button"
          className="small-button"
          disabled={progress !== null}
          onClick={exportSession}
        >
          {progress === null ? 'Export' : `Exporting ${Math.floor(progress * 100)}%`}
        </button>
      </div>
      <div className="action-row">
        {replay ? (
          <>
            <span className="replay-url" data-testid="replay-url">
              {replay.url}
            </span>
            <span className="muted" data-testid="replay-cors">
              {replay.cors === null ? 'no CORS' : `CORS: ${replay.cors}`}
            </span>
            <button
              type="button"
              className="small-button"
              onClick={() => void copyText(replay.url)}
            >
              Copy
            </button>
            <button
              type="button"
              className="small-button"
              onClick={() =>
                run(async () => {
                  await api.stopReplay(replay.replayId);
                  setReplay(null);
                })
              }
            >
              Stop
            </button>
          </>
        ) : (
          <>
            <label>
              speed ×
              <input
                aria-label="Replay speed"
                className="narrow"
                value={speed}
                onChange={(e) => setSpeed(e.target.value)}
              />
            </label>
            <label className="check">
              <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} />
              loop
            </label>
            <button
              type="button"
              className="small-button"
              title="Serve this session as an SSE endpoint on 127.0.0.1 with its original chunking and timing"
              onClick={() =>
                run(async () => {
                  const value = Number(speed);
                  if (!Number.isFinite(value) || value < 0)
                    throw new Error('The speed must be 0 or more.');
                  const cors = corsOn ? checkCorsOrigin(corsOrigin) : null;
                  if (cors?.ok === false) throw new Error(cors.message);
                  setReplay(await api.startReplay(session.id, value, loop, cors?.origin ?? null));
                })
              }
            >
              Serve as mock endpoint
            </button>
          </>
        )}
      </div>
      {!replay && (
        <div className="action-row">
          <label
            className="check"
            title="Without it the mock endpoint sends no CORS header: pages on other origins cannot read it"
          >
            <input type="checkbox" checked={corsOn} onChange={(e) => setCorsOn(e.target.checked)} />
            allow CORS from
          </label>
          <input
            aria-label="CORS origin"
            className="origin-input"
            placeholder="http://localhost:3000 or *"
            value={corsOrigin}
            disabled={!corsOn}
            onChange={(e) => setCorsOrigin(e.target.value)}
          />
        </div>
      )}
      <div className="action-row">
        {confirmDelete ? (
          <>
            <span>Delete this session for good?</span>
            <button
              type="button"
              className="small-button danger"
              onClick={() =>
                run(async () => {
                  await api.deleteSession(session.id);
                  onDeleted();
                })
              }
            >
              Delete
            </button>
            <button type="button" className="small-button" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="small-button" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        )}
      </div>
      <FeedbackLine feedback={message} />
    </div>
  );
}
