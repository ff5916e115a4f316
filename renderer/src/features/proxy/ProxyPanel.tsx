import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ProxyState } from '../../../../shared/capture/proxy-settings.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { CopyButton } from '../../lib/CopyButton.tsx';
import {
  forwardEnvironment,
  forwardSnippets,
  reverseSnippets,
  type ClientSnippet,
} from './client-snippets.ts';
import './proxy.css';

type Mode = 'reverse' | 'forward';

/** The proxy's state from main, kept current by its pushes. */
function useProxyState(): ProxyState | null {
  const api = useInspectorApi();
  const [state, setState] = useState<ProxyState | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.onProxyState((next) => setState(next));
    api.getProxyState().then(
      (first) => {
        if (live) setState((current) => current ?? first);
      },
      () => {},
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return state;
}

/**
 * The capture proxy: start it in base-URL (reverse) or HTTP-proxy (forward) mode, then point a
 * client at it; each event stream the client receives joins the connections list, live.
 */
export function ProxyPanel() {
  const api = useInspectorApi();
  const state = useProxyState();
  const [mode, setMode] = useState<Mode>('reverse');
  const [target, setTarget] = useState('');
  const [port, setPort] = useState('');
  const [insecure, setInsecure] = useState(false);
  const [recordAll, setRecordAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const portText = port.trim();
    const portNumber = portText === '' ? 0 : Number(portText);
    if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65_535) {
      setError('The port is a whole number from 1 to 65535 (empty: any free port).');
      return;
    }
    if (mode === 'reverse' && target.trim() === '') {
      setError('Enter the base URL your client normally calls, e.g. https://api.openai.com.');
      return;
    }
    setBusy(true);
    try {
      await api.startProxy({
        port: portNumber,
        target: mode === 'reverse' ? target.trim() : null,
        insecure,
        recordAll,
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    setError(null);
    setBusy(true);
    try {
      await api.stopProxy();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="proxy-panel" aria-labelledby={`${formId}-title`} data-testid="proxy-panel">
      <h2 id={`${formId}-title`}>Capture proxy</h2>
      <p className="muted">
        See the streams your own app receives. Point it at the proxy: every streamed response it
        gets (<code>text/event-stream</code>, NDJSON, JSON text sequences) shows in Connections as
        it arrives, while your app gets the bytes unchanged.
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {state === null ? null : state.running ? (
        <RunningProxy state={state} busy={busy} onStop={() => void stop()} />
      ) : (
        <form className="proxy-form" onSubmit={(event) => void start(event)}>
          <fieldset>
            <legend>Mode</legend>
            <label className="proxy-choice">
              <input
                type="radio"
                name={`${formId}-mode`}
                checked={mode === 'reverse'}
                onChange={() => setMode('reverse')}
              />
              <span>
                <strong>Base URL</strong> (reverse): your client calls the proxy instead of the API;
                no certificate needed.
              </span>
            </label>
            <label className="proxy-choice">
              <input
                type="radio"
                name={`${formId}-mode`}
                checked={mode === 'forward'}
                onChange={() => setMode('forward')}
              />
              <span>
                <strong>HTTP proxy</strong> (forward): HTTPS_PROXY for any host; your client must
                trust the inspector&apos;s local CA.
              </span>
            </label>
          </fieldset>
          {mode === 'reverse' && (
            <label className="proxy-field">
              Target base URL
              <input
                type="url"
                value={target}
                placeholder="https://api.openai.com"
                onChange={(event) => setTarget(event.target.value)}
                spellCheck={false}
              />
            </label>
          )}
          <label className="proxy-field">
            Port on 127.0.0.1
            <input
              inputMode="numeric"
              value={port}
              placeholder="any free port"
              onChange={(event) => setPort(event.target.value)}
            />
          </label>
          <label className="proxy-check">
            <input
              type="checkbox"
              checked={insecure}
              onChange={(event) => setInsecure(event.target.checked)}
            />
            Accept invalid upstream certificates (-k)
          </label>
          <label className="proxy-check">
            <input
              type="checkbox"
              checked={recordAll}
              onChange={(event) => setRecordAll(event.target.checked)}
            />
            Also record other responses (metadata only)
          </label>
          <button type="submit" className="button-primary" disabled={busy}>
            Start proxy
          </button>
        </form>
      )}
    </section>
  );
}

function RunningProxy({
  state,
  busy,
  onStop,
}: {
  state: Extract<ProxyState, { running: true }>;
  busy: boolean;
  onStop: () => void;
}) {
  const ids = useId();
  const snippets =
    state.mode === 'forward' && state.caPath !== null
      ? forwardSnippets(state.url, state.caPath)
      : reverseSnippets(state.url, state.target ?? state.url);
  return (
    <div className="proxy-running" data-testid="proxy-running">
      <p className="proxy-listening">
        <span className="proxy-dot" aria-hidden /> Listening on{' '}
        <code id={`${ids}-url`}>{state.url}</code>{' '}
        {state.mode === 'reverse' ? `as the base URL for ${state.target}` : 'as an HTTP proxy'}
      </p>
      <div className="proxy-actions">
        <CopyButton text={state.url} label="Copy URL" describedBy={`${ids}-url`} />
        <button type="button" className="small-button" onClick={onStop} disabled={busy}>
          Stop proxy
        </button>
      </div>
      <p className="muted" data-testid="proxy-streams" aria-live="polite">
        {state.streams === 0
          ? 'No stream yet. Streams show in Connections as they start.'
          : `${state.streams} ${state.streams === 1 ? 'stream' : 'streams'} proxied, ` +
            `${state.openStreams} open: see Connections.`}
      </p>
      {state.mode === 'forward' && state.caPath !== null && (
        <div className="proxy-ca">
          <h3>Trust the CA</h3>
          <p>
            Clients must trust this certificate to let the proxy read HTTPS:{' '}
            <code id={`${ids}-ca`}>{state.caPath}</code>{' '}
            <CopyButton text={state.caPath} label="Copy path" describedBy={`${ids}-ca`} />
          </p>
          <p>For a shell, everything at once:</p>
          <Snippet
            snippet={{
              client: 'Environment',
              text: forwardEnvironment(state.url, state.caPath),
              note: null,
            }}
          />
          <p className="muted">
            To stop trusting it, remove it where you imported it; delete its folder to have a new CA
            made on the next start.
          </p>
        </div>
      )}
      <h3>{state.mode === 'forward' ? 'Per client' : 'Point your client here'}</h3>
      <ul className="proxy-snippets">
        {snippets.map((snippet) => (
          <li key={snippet.client}>
            <Snippet snippet={snippet} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Snippet({ snippet }: { snippet: ClientSnippet }) {
  const id = useId();
  return (
    <div className="proxy-snippet">
      <div className="proxy-snippet-head">
        <span>{snippet.client}</span>
        <CopyButton text={snippet.text} label="Copy" describedBy={id} />
      </div>
      <pre id={id}>{snippet.text}</pre>
      {snippet.note && <p className="muted">{snippet.note}</p>}
    </div>
  );
}
