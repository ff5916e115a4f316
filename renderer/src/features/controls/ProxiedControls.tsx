import { useState } from 'react';
import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import './controls.css';

/**
 * The one control of a stream the capture proxy passes on: Drop cuts the *client's* connection,
 * so the user watches their own client's reconnect logic (does it send Last-Event-ID? after how
 * long?). Reconnecting and the reconnect policy belong to that client, so they are not offered.
 */
export function ProxiedControls({ status }: { status: ConnectionStatus }) {
  const api = useInspectorApi();
  const [error, setError] = useState<string | null>(null);
  const open = status.state === 'open';
  return (
    <div className="controls toolbar" data-testid="proxied-controls">
      <div className="controls-row">
        {open && (
          <button
            type="button"
            title="Reset your client's connection, as a network failure would, to watch how it reconnects"
            onClick={() => {
              setError(null);
              api.dropConnection(status.id).catch((e: unknown) => setError(errorMessage(e)));
            }}
          >
            Drop client connection
          </button>
        )}
        <span className="muted">
          {open
            ? 'Proxied stream: your client opened it, so reconnecting is up to your client.'
            : 'Proxied stream, ended. A reconnect by your client shows as a new stream.'}
        </span>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
