import { useCallback, useEffect, useState } from 'react';
import type { SavedRequestItem } from '../../../../shared/ipc/api.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { specToDraft } from '../../store/request-draft.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import './history.css';

const missingReasons: Record<NonNullable<SavedRequestItem['missingReason']>, string> = {
  'not-saved': 'not saved: no key store',
  unreadable: 'sealed, but this machine cannot open them',
};

/**
 * Saved requests: load one into the request bar, run it, or delete it. A request whose secrets
 * could not be kept says which, and loads with "[REDACTED]" where each goes, asking for them.
 */
export function SavedRequests({ refreshKey }: { refreshKey: number }) {
  const api = useInspectorApi();
  const [items, setItems] = useState<SavedRequestItem[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.listSavedRequests().then(setItems, (e: unknown) => setError(errorMessage(e)));
  }, [api]);

  useEffect(() => refresh(), [refresh, refreshKey]);

  const load = (item: SavedRequestItem) =>
    useInspectorStore.getState().updateDraft(specToDraft(item.spec));
  const runRequest = async (item: SavedRequestItem) => {
    load(item);
    if (item.missingSecrets.length > 0) {
      // Shows, next to the field, which values to enter before it can run.
      useInspectorStore.getState().validateDraft();
      return;
    }
    try {
      const status = await api.connect(item.spec);
      useInspectorStore.getState().upsertStatuses([status]);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="saved-requests" data-testid="saved-requests">
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted">Save a request from the request bar to run it again later.</p>
      ) : (
        <ul className="history-list">
          {items.map((item) => (
            <li key={item.id} className="saved-item">
              <button
                type="button"
                className="history-item"
                onClick={() => load(item)}
                title="Load into the request bar"
              >
                <span className="history-name">{item.name}</span>
                <span className="history-meta">
                  {item.method} {item.url}
                </span>
                {item.missingReason !== null && (
                  <span className="field-error" data-testid="saved-missing-secrets">
                    {item.missingSecrets.join(', ')}: {missingReasons[item.missingReason]}; you are
                    asked for {item.missingSecrets.length === 1 ? 'it' : 'them'} when it runs.
                  </span>
                )}
              </button>
              <div className="action-row">
                <button
                  type="button"
                  className="small-button"
                  onClick={() => void runRequest(item)}
                >
                  Run
                </button>
                <button
                  type="button"
                  className="small-button"
                  onClick={() => api.deleteSavedRequest(item.id).then(refresh, () => undefined)}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
