import { useInspectorStore } from '../../store/inspector-store.ts';
import type { RequestDraft } from '../../store/request-draft.ts';

function FieldError({ field }: { field: string }) {
  const error = useInspectorStore((state) => state.draftError);
  if (!error || error.field !== field) return null;
  return (
    <p className="field-error" role="alert">
      {error.message}
    </p>
  );
}

/** The expandable editors under the URL: headers, body, Last-Event-ID, TLS, proxy, timeouts. */
export function RequestOptions() {
  const draft = useInspectorStore((state) => state.draft);
  const updateDraft = useInspectorStore((state) => state.updateDraft);
  const text =
    (field: keyof RequestDraft) =>
    (event: { target: { value: string } }): void =>
      updateDraft({ [field]: event.target.value } as Partial<RequestDraft>);

  return (
    <div id="request-options" className="request-options" data-testid="request-options">
      <label className="option-block">
        <span>Headers (one “Name: value” per line)</span>
        <textarea
          aria-label="Headers"
          rows={4}
          spellCheck={false}
          placeholder={'Authorization: Bearer …\nContent-Type: application/json'}
          value={draft.headersText}
          onChange={text('headersText')}
        />
        <FieldError field="headers" />
      </label>
      <label className="option-block">
        <span>
          Body {draft.method === 'GET' && <em className="muted">(sent with POST, PUT, PATCH)</em>}
        </span>
        <textarea
          aria-label="Body"
          rows={4}
          spellCheck={false}
          placeholder='{"model": "…", "stream": true}'
          value={draft.body}
          onChange={text('body')}
        />
      </label>
      <div className="option-block option-grid">
        <label>
          <span>Last-Event-ID</span>
          <input
            aria-label="Last-Event-ID"
            value={draft.lastEventId}
            onChange={text('lastEventId')}
          />
          <FieldError field="lastEventId" />
        </label>
        <label>
          <span>Connect timeout (s)</span>
          <input
            aria-label="Connect timeout"
            inputMode="decimal"
            value={draft.connectTimeoutSeconds}
            onChange={text('connectTimeoutSeconds')}
          />
        </label>
        <label>
          <span>Idle timeout (s, empty: none)</span>
          <input
            aria-label="Idle timeout"
            inputMode="decimal"
            value={draft.idleTimeoutSeconds}
            onChange={text('idleTimeoutSeconds')}
          />
          <FieldError field="timeouts" />
        </label>
        <label>
          <span>Proxy</span>
          <select
            aria-label="Proxy"
            value={draft.proxyMode}
            onChange={(event) =>
              updateDraft({ proxyMode: event.target.value as RequestDraft['proxyMode'] })
            }
          >
            <option value="env">From environment (HTTP_PROXY…)</option>
            <option value="none">No proxy</option>
            <option value="url">This proxy:</option>
          </select>
          {draft.proxyMode === 'url' && (
            <input
              aria-label="Proxy URL"
              placeholder="http://proxy.local:3128"
              value={draft.proxyUrl}
              onChange={text('proxyUrl')}
            />
          )}
          <FieldError field="proxy" />
        </label>
      </div>
      <div className="option-block option-checks">
        <label>
          <input
            type="checkbox"
            checked={draft.insecure}
            onChange={(event) => updateDraft({ insecure: event.target.checked })}
          />
          Accept an invalid TLS certificate (this request only)
        </label>
        <label>
          <input
            type="checkbox"
            checked={draft.lenient}
            onChange={(event) => updateDraft({ lenient: event.target.checked })}
          />
          Lenient: keep reading a response with a wrong status or content type
        </label>
      </div>
      <label className="option-block">
        <span>Extra CA certificate (PEM)</span>
        <textarea
          aria-label="CA certificate"
          rows={2}
          spellCheck={false}
          placeholder="-----BEGIN CERTIFICATE-----"
          value={draft.caPem}
          onChange={text('caPem')}
        />
      </label>
    </div>
  );
}
