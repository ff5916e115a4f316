import { useEffect, useRef, useState } from 'react';
import type { CheckSpec } from '../../../../shared/checks/index.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';

interface RequestChoice {
  id: number;
  label: string;
  lastSessionId: number | null;
  hasChecks: boolean;
}

/**
 * Keeps the spec with a collection request, and finds it again: a connection recorded by a run
 * of a request that has a spec opens with that spec (unless the user already edited one here).
 */
export function SavedSpecBar({
  connectionId,
  spec,
  isEdited,
  onLoad,
}: {
  connectionId: number;
  /** The spec as it parses now (null while the text has an error). */
  spec: CheckSpec | null;
  /** Whether the user typed or picked a spec for this connection: it is not replaced unasked. */
  isEdited: () => boolean;
  onLoad: (spec: CheckSpec) => void;
}) {
  const api = useInspectorApi();
  const [choices, setChoices] = useState<RequestChoice[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // A run is recorded as its request's last run just after it starts: the list is read again
  // then (collectionsRevision), and a spec is loaded by itself once per connection at most.
  const collectionsRevision = useInspectorStore((state) => state.collectionsRevision);
  const autoLoaded = useRef(new Set<number>());

  useEffect(() => {
    let live = true;
    api.listCollections().then(
      (collections) => {
        if (!live) return;
        const list = collections.flatMap((collection) =>
          collection.requests.map((request) => ({
            id: request.id,
            label: `${collection.name} › ${request.name}`,
            lastSessionId: request.lastSessionId,
            hasChecks: request.hasChecks,
          })),
        );
        setChoices(list);
        const ran = list.find((choice) => choice.lastSessionId === connectionId);
        setChosen((current) => ran?.id ?? current);
        if (ran?.hasChecks === true && !isEdited() && !autoLoaded.current.has(connectionId)) {
          autoLoaded.current.add(connectionId);
          api.getRequestCheckSpec(ran.id).then(
            (kept) => {
              // The user may have started typing while it loaded: theirs wins.
              if (live && kept !== null && !isEdited()) onLoad(kept);
            },
            () => {},
          );
        }
      },
      (e: unknown) => setMessage(errorMessage(e)),
    );
    return () => {
      live = false;
    };
    // onLoad changes with every render of the tab; what it does does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, connectionId, collectionsRevision]);

  if (choices.length === 0) return null;
  const choice = choices.find((c) => c.id === chosen) ?? null;
  const run = (action: () => Promise<string>) => {
    setMessage(null);
    action().then(setMessage, (e: unknown) => setMessage(errorMessage(e)));
  };
  return (
    <div className="checks-saved" data-testid="checks-saved">
      <label>
        Saved request
        <select
          value={chosen ?? ''}
          onChange={(event) =>
            setChosen(event.target.value === '' ? null : Number(event.target.value))
          }
        >
          <option value="">(none)</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
              {c.hasChecks ? ' ✓ spec' : ''}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="small-button"
        disabled={choice === null || spec === null}
        onClick={() =>
          run(async () => {
            if (choice === null || spec === null) return '';
            await api.saveRequestCheckSpec(choice.id, spec);
            setChoices((all) =>
              all.map((c) => (c.id === choice.id ? { ...c, hasChecks: true } : c)),
            );
            return `Spec kept with ${choice.label}.`;
          })
        }
      >
        Keep spec with it
      </button>
      <button
        type="button"
        className="small-button"
        disabled={choice === null || !choice.hasChecks}
        onClick={() =>
          run(async () => {
            if (choice === null) return '';
            const kept = await api.getRequestCheckSpec(choice.id);
            if (kept === null) return `${choice.label} has no spec.`;
            onLoad(kept);
            return `Spec of ${choice.label} loaded.`;
          })
        }
      >
        Load its spec
      </button>
      {message && (
        <span className="muted" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
