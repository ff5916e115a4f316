import { type FormEvent } from 'react';
import { httpMethods, type HttpMethod } from '../../store/request-slice.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';

export function RequestBar() {
  const method = useInspectorStore((state) => state.method);
  const url = useInspectorStore((state) => state.url);
  const urlError = useInspectorStore((state) => state.urlError);
  const setMethod = useInspectorStore((state) => state.setMethod);
  const setUrl = useInspectorStore((state) => state.setUrl);
  const validateUrl = useInspectorStore((state) => state.validateUrl);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    validateUrl();
  };

  return (
    <form className="request-bar" onSubmit={submit} data-testid="request-bar" noValidate>
      <div className="request-row">
        <select
          aria-label="Method"
          className="method-select"
          value={method}
          onChange={(event) => setMethod(event.target.value as HttpMethod)}
        >
          {httpMethods.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          aria-label="URL"
          className="url-input"
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="https://example.com/events"
          value={url}
          aria-invalid={urlError !== null}
          aria-describedby={urlError ? 'url-error' : undefined}
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit" className="button-primary">
          Connect
        </button>
      </div>
      {urlError && (
        <p id="url-error" className="field-error" role="alert">
          {urlError}
        </p>
      )}
    </form>
  );
}
