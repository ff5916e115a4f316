import { useState } from 'react';
import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import type { ReconnectPolicy } from '../../../../shared/capture/request-spec.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { useNow } from '../../lib/use-now.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import './controls.css';

function numberOr(text: string, fallback: number): number {
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Disconnect, reconnect, pause, delay override, next Last-Event-ID, drop: the engine's controls. */
export function ReconnectControls({ status }: { status: ConnectionStatus }) {
  const api = useInspectorApi();
  const [error, setError] = useState<string | null>(null);
  const [nextId, setNextId] = useState('');
  const [policyOpen, setPolicyOpen] = useState(false);
  const policy = status.policy;
  const waiting = status.state === 'waiting' && status.nextAttemptAt !== null;
  const now = useNow(waiting, 100);
  const connected = status.state === 'open' || status.state === 'connecting';
  const ended = status.state === 'closed' || status.state === 'failed';

  const run = (action: () => Promise<void>) => {
    setError(null);
    action().catch((e: unknown) => setError(errorMessage(e)));
  };
  const setPolicy = (patch: Partial<ReconnectPolicy>) =>
    run(() => api.setReconnectPolicy(status.id, patch));

  return (
    <div className="controls toolbar" data-testid="reconnect-controls">
      <div className="controls-row">
        <button type="button" disabled={ended} onClick={() => run(() => api.disconnect(status.id))}>
          Disconnect
        </button>
        <button
          type="button"
          disabled={ended}
          title={ended ? 'This connection has ended; press Connect to start a new one' : undefined}
          onClick={() => run(() => api.reconnectNow(status.id))}
        >
          Reconnect now
        </button>
        <button
          type="button"
          aria-pressed={!policy.auto}
          disabled={ended}
          onClick={() => run(() => api.setAutoReconnect(status.id, !policy.auto))}
        >
          {policy.auto ? 'Pause auto-reconnect' : 'Resume auto-reconnect'}
        </button>
        <button
          type="button"
          disabled={!connected}
          title="Cut the socket abruptly, as a network failure would, to test the server's resume logic"
          onClick={() => run(() => api.dropConnection(status.id))}
        >
          Drop connection
        </button>
        {waiting && (
          <span className="countdown" data-testid="reconnect-countdown">
            next attempt #{status.attempt + 1} in{' '}
            {Math.max(0, ((status.nextAttemptAt as number) - now) / 1000).toFixed(1)} s
          </span>
        )}
        <span className="controls-spacer" />
        <button
          type="button"
          className="link-button"
          aria-expanded={policyOpen}
          onClick={() => setPolicyOpen(!policyOpen)}
        >
          Reconnect policy: {describePolicy(policy)} {policyOpen ? '▴' : '▾'}
        </button>
      </div>
      {policyOpen && (
        <div className="controls-row policy-editor" data-testid="policy-editor">
          <label>
            Delay
            <select
              aria-label="Reconnect delay"
              value={policy.delayMode}
              onChange={(event) =>
                setPolicy({ delayMode: event.target.value as ReconnectPolicy['delayMode'] })
              }
            >
              <option value="spec">Server retry (spec)</option>
              <option value="fixed">Fixed</option>
              <option value="backoff">Exponential backoff</option>
            </select>
          </label>
          {policy.delayMode === 'fixed' && (
            <label>
              ms
              <input
                aria-label="Fixed delay"
                defaultValue={policy.fixedDelayMs}
                onBlur={(e) =>
                  setPolicy({ fixedDelayMs: numberOr(e.target.value, policy.fixedDelayMs) })
                }
              />
            </label>
          )}
          {policy.delayMode === 'backoff' && (
            <>
              <label>
                first ms
                <input
                  aria-label="Initial delay"
                  defaultValue={policy.initialDelayMs}
                  onBlur={(e) =>
                    setPolicy({ initialDelayMs: numberOr(e.target.value, policy.initialDelayMs) })
                  }
                />
              </label>
              <label>
                ×
                <input
                  aria-label="Multiplier"
                  defaultValue={policy.multiplier}
                  onBlur={(e) =>
                    setPolicy({
                      multiplier: Math.max(1, numberOr(e.target.value, policy.multiplier)),
                    })
                  }
                />
              </label>
              <label>
                cap ms
                <input
                  aria-label="Maximum delay"
                  defaultValue={policy.maxDelayMs}
                  onBlur={(e) =>
                    setPolicy({ maxDelayMs: numberOr(e.target.value, policy.maxDelayMs) })
                  }
                />
              </label>
              <label>
                jitter %
                <input
                  aria-label="Jitter"
                  defaultValue={Math.round(policy.jitter * 100)}
                  onBlur={(e) =>
                    setPolicy({
                      jitter: Math.min(1, numberOr(e.target.value, policy.jitter * 100) / 100),
                    })
                  }
                />
              </label>
            </>
          )}
          <label>
            Max attempts
            <input
              aria-label="Maximum attempts"
              placeholder="no limit"
              defaultValue={policy.maxAttempts ?? ''}
              onBlur={(e) => {
                const value = e.target.value.trim();
                setPolicy({
                  maxAttempts: value === '' ? null : Math.max(1, Math.round(numberOr(value, 1))),
                });
              }}
            />
          </label>
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              run(() => api.setNextLastEventId(status.id, nextId === '' ? null : nextId));
            }}
          >
            <label>
              Next Last-Event-ID
              <input
                aria-label="Next Last-Event-ID"
                placeholder={status.lastEventId ?? '(none)'}
                value={nextId}
                onChange={(event) => setNextId(event.target.value)}
              />
            </label>
            <button type="submit">Set</button>
          </form>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function describePolicy(policy: ReconnectPolicy): string {
  const auto = policy.auto ? '' : 'paused · ';
  const limit = policy.maxAttempts === null ? '' : ` · max ${policy.maxAttempts}`;
  switch (policy.delayMode) {
    case 'spec':
      return `${auto}server retry${limit}`;
    case 'fixed':
      return `${auto}fixed ${policy.fixedDelayMs} ms${limit}`;
    case 'backoff':
      return `${auto}backoff ${policy.initialDelayMs}×${policy.multiplier}≤${policy.maxDelayMs} ms${policy.jitter > 0 ? ` ±${Math.round(policy.jitter * 100)}%` : ''}${limit}`;
  }
}
