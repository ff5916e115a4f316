import { useCallback, useState, type FormEvent } from 'react';
import { toCurlCommand } from '../../../../shared/capture/curl-command.ts';
import { llmRequestTemplates } from '../../../../shared/lenses/index.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { copyText } from '../../lib/clipboard.ts';
import { RequestOptions } from './RequestOptions.tsx';
import { ImportRequestDialog } from './ImportRequestDialog.tsx';
import { PasteNotice } from './PasteNotice.tsx';
import { usePastedRequest } from './use-pasted-request.ts';
import { looksLikePastedRequest } from '../../../../shared/requests/pasted-request.ts';
import { EnvironmentPicker } from './EnvironmentPicker.tsx';
import { connectDraft } from '../../store/connect-draft.ts';
import { draftLookup, resolveDraft } from '../../store/resolve-draft.ts';
import {
  draftSecretNames,
  draftSecretsNeedingValue,
  draftToSpec,
  type RequestDraft,
} from '../../store/request-draft.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import './request-bar.css';

const methods: Array<RequestDraft['method']> = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function defaultName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'My request';
  }
}

export function RequestBar() {
  const api = useInspectorApi();
  const draft = useInspectorStore((state) => state.draft);
  const draftError = useInspectorStore((state) => state.draftError);
  const optionsOpen = useInspectorStore((state) => state.optionsOpen);
  const updateDraft = useInspectorStore((state) => state.updateDraft);
  const setOptionsOpen = useInspectorStore((state) => state.setOptionsOpen);
  const validateDraft = useInspectorStore((state) => state.validateDraft);
  const secretsCanBeSaved = useInspectorStore((state) => state.appInfo?.secretsCanBeSaved ?? false);
  const [connectError, setConnectError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [saving, setSaving] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const pasted = usePastedRequest();
  const environments = useInspectorStore((state) => state.environments);
  const loadedRequest = useInspectorStore((state) => state.loadedRequest);
  const setLoadedRequest = useInspectorStore((state) => state.setLoadedRequest);
  const showError = useCallback((message: string) => setConnectError(message), []);
  // Shown before anything is sent; Connect sends nothing while the list is not empty.
  const unresolved = resolveDraft(draft, draftLookup(environments, loadedRequest)).missing;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setConnectError(null);
    setBusy(true);
    try {
      await connectDraft(api);
    } catch (error) {
      setConnectError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const copyCurl = async () => {
    const result = draftToSpec(draft);
    if (!result.ok) {
      validateDraft();
      return;
    }
    await copyText(toCurlCommand(result.spec));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  const saveRequest = async (name: string) => {
    const spec = validateDraft();
    if (!spec) return;
    try {
      await api.saveRequest(name, spec);
      useInspectorStore.getState().bumpSaved();
      setSaving(null);
    } catch (error) {
      setConnectError(errorMessage(error));
    }
  };

  const urlError = draftError?.field === 'url' ? draftError.message : null;
  const needsValue = draftSecretsNeedingValue(draft);
  // Without a key store a saved request keeps no secrets: say which before saving.
  const notSaved = saving !== null && !secretsCanBeSaved ? draftSecretNames(draft) : [];
  return (
    <form className="request-bar" onSubmit={submit} data-testid="request-bar" noValidate>
      <div className="request-row">
        <select
          aria-label="Method"
          className="method-select"
          value={draft.method}
          onChange={(event) =>
            updateDraft({ method: event.target.value as RequestDraft['method'] })
          }
        >
          {methods.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          id="request-url"
          aria-label="URL"
          className="url-input"
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="https://example.com/events"
          value={draft.url}
          aria-invalid={urlError !== null}
          aria-describedby={urlError ? 'url-error' : undefined}
          onChange={(event) => updateDraft({ url: event.target.value })}
          onPaste={(event) => {
            // A curl command or fetch snippet fills the whole bar instead of landing in the URL.
            const text = event.clipboardData.getData('text/plain');
            if (!looksLikePastedRequest(text)) return;
            event.preventDefault();
            const problem = pasted.importText(text);
            if (problem !== null) pasted.showError(problem);
          }}
        />
        <button
          type="button"
          className="button-secondary"
          aria-expanded={optionsOpen}
          aria-controls="request-options"
          onClick={() => setOptionsOpen(!optionsOpen)}
        >
          Options{optionsOpen ? ' ▴' : ' ▾'}
        </button>
        <select
          aria-label="Request templates"
          className="template-select"
          value=""
          onChange={(event) => {
            const template = llmRequestTemplates.find((t) => t.id === event.target.value);
            if (!template) return;
            updateDraft({
              method: template.method,
              url: template.url,
              headersText: template.headers.map(([name, value]) => `${name}: ${value}`).join('\n'),
              body: template.body ?? '',
            });
            setOptionsOpen(true);
          }}
        >
          <option value="">Templates…</option>
          {llmRequestTemplates.map((template) => (
            <option key={template.id} value={template.id} title={template.description}>
              {template.name}
            </option>
          ))}
        </select>
        <button type="button" className="button-secondary" onClick={() => setImporting(true)}>
          Import request…
        </button>
        <button type="button" className="button-secondary" onClick={copyCurl}>
          {copied ? 'Copied' : 'Copy as curl'}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => setSaving(saving === null ? defaultName(draft.url) : null)}
        >
          Save…
        </button>
        <EnvironmentPicker onError={showError} />
        <button type="submit" className="button-primary" disabled={busy}>
          Connect
        </button>
      </div>
      {loadedRequest !== null && (
        <p className="muted loaded-request" data-testid="loaded-request">
          Collection request: {loadedRequest.name}{' '}
          <button type="button" className="small-button" onClick={() => setLoadedRequest(null)}>
            Detach
          </button>
        </p>
      )}
      {unresolved.length > 0 && (
        <p className="field-error" role="status" data-testid="unresolved-variables">
          Unresolved: {unresolved.map((name) => `{{${name}}}`).join(', ')}. Define{' '}
          {unresolved.length === 1 ? 'it' : 'them'} in the active environment; nothing is sent until
          then.
        </p>
      )}
      {saving !== null && (
        <div className="save-row">
          <input
            aria-label="Saved request name"
            value={saving}
            onChange={(event) => setSaving(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                if (saving.trim() !== '') void saveRequest(saving.trim());
              }
            }}
          />
          <button
            type="button"
            className="small-button"
            disabled={saving.trim() === ''}
            onClick={() => void saveRequest(saving.trim())}
          >
            Save request
          </button>
          <button type="button" className="small-button" onClick={() => setSaving(null)}>
            Cancel
          </button>
          {notSaved.length > 0 && (
            <span className="muted" data-testid="secrets-not-saved">
              {notSaved.join(', ')}: not saved (no key store); you are asked again next time
            </span>
          )}
        </div>
      )}
      {needsValue.length > 0 && draftError === null && (
        <p className="muted" role="status" data-testid="secrets-needed">
          Needs a value: {needsValue.join(', ')}. Replace each [REDACTED] (recorded sessions and
          requests saved without a key store keep no secrets).
        </p>
      )}
      {urlError && (
        <p id="url-error" className="field-error" role="alert">
          {urlError}
        </p>
      )}
      {connectError && (
        <p className="field-error" role="alert">
          Could not connect: {connectError}
        </p>
      )}
      {pasted.notice !== null && <PasteNotice notice={pasted.notice} onDismiss={pasted.dismiss} />}
      {importing && (
        <ImportRequestDialog onImport={pasted.importText} onClose={() => setImporting(false)} />
      )}
      {optionsOpen && <RequestOptions />}
    </form>
  );
}
