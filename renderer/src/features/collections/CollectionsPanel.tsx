import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../../shared/errors.ts';
import type {
  CollectionItem,
  CollectionRequestItem,
} from '../../../../shared/ipc/collections-api.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { startDownload } from '../../lib/download.ts';
import { connectDraft } from '../../store/connect-draft.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { draftToTemplate } from '../../store/resolve-draft.ts';
import { CollectionTree, type TreeActions } from './CollectionTree.tsx';
import { EnvironmentsEditor } from './EnvironmentsEditor.tsx';
import './collections.css';
import { FeedbackLine, type Feedback } from '../../lib/FeedbackLine.tsx';

type Message = Feedback | null;

const barNotReady = 'Enter a URL (and well-formed headers) in the request bar first.';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  startDownload(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Collections: requests kept as `{{variable}}` templates in folders, imported from Postman,
 * Insomnia or a HAR, run with the active environment, each run's session one click away.
 * `onOpenSession` opens a recorded session in the views (the app passes History's opener).
 */
export function CollectionsPanel({
  onOpenSession,
}: {
  onOpenSession: (sessionId: number) => void;
}) {
  const api = useInspectorApi();
  const revision = useInspectorStore((state) => state.collectionsRevision);
  const [collections, setCollections] = useState<CollectionItem[]>([]);
  const [message, setMessage] = useState<Message>(null);
  const [showEnvironments, setShowEnvironments] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const refresh = useCallback(() => {
    api
      .listCollections()
      .then(setCollections, (e: unknown) => setMessage({ error: true, text: errorMessage(e) }));
  }, [api]);
  useEffect(() => refresh(), [refresh, revision]);

  /** Runs a change in main, then reloads the tree; an error is shown, never thrown. */
  const act = async (change: () => Promise<unknown>) => {
    try {
      await change();
      setMessage(null);
    } catch (e) {
      setMessage({ error: true, text: errorMessage(e) });
    } finally {
      refresh();
    }
  };

  const load = async (request: CollectionRequestItem): Promise<boolean> => {
    try {
      const detail = await api.getCollectionRequest(request.id);
      const store = useInspectorStore.getState();
      store.updateDraft({
        method:
          (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).find((m) => m === detail.method) ??
          'GET',
        url: detail.url,
        headersText: detail.headers.map(([name, value]) => `${name}: ${value}`).join('\n'),
        body: detail.body ?? '',
      });
      store.setLoadedRequest({
        id: detail.id,
        name: detail.name,
        collectionVariables: detail.collectionVariables,
      });
      if (detail.missingSecrets.length > 0) {
        setMessage({
          error: true,
          text: `${detail.missingSecrets.join(', ')}: secret not saved here; enter ${detail.missingSecrets.length === 1 ? 'it' : 'them'} where it says [REDACTED].`,
        });
        return false;
      }
      setMessage(null);
      return true;
    } catch (e) {
      setMessage({ error: true, text: errorMessage(e) });
      return false;
    }
  };

  /** Says what a save could not keep (after act() has cleared the message). */
  const showNotSaved = (done: string, notSaved: string[]) =>
    setTimeout(() =>
      setMessage({
        error: false,
        text:
          notSaved.length > 0
            ? `${done} Not saved (no key store here): ${notSaved.join(', ')}.`
            : done,
      }),
    );

  const actions: TreeActions = {
    load: (request) => void load(request),
    run: (request) =>
      void (async () => {
        if (!(await load(request))) return;
        try {
          const outcome = await connectDraft(api);
          if (!outcome.ok && outcome.unresolved.length > 0) {
            setMessage({
              error: true,
              text: `Not sent: ${outcome.unresolved.map((n) => `{{${n}}}`).join(', ')} unresolved (pick or edit an environment).`,
            });
          }
        } catch (e) {
          setMessage({ error: true, text: errorMessage(e) });
        }
      })(),
    saveBar: (request) => {
      const template = draftToTemplate(useInspectorStore.getState().draft);
      if (template === null) {
        setMessage({ error: true, text: barNotReady });
        return;
      }
      void act(async () => {
        const saved = await api.updateCollectionRequest(request.id, template);
        showNotSaved(`Saved "${request.name}".`, saved.notSaved);
      });
    },
    openSession: onOpenSession,
    rename: (kind, id, name) => void act(() => api.renameCollectionItem(kind, id, name)),
    move: (kind, id, folderId) => void act(() => api.moveCollectionItem(kind, id, folderId)),
    duplicate: (kind, id) => void act(() => api.duplicateCollectionItem(kind, id)),
    remove: (kind, id, name) => {
      if (
        window.confirm(
          `Delete ${kind} "${name}"${kind === 'request' ? '' : ' and everything in it'}?`,
        )
      ) {
        void act(() => api.deleteCollectionItem(kind, id));
      }
    },
    exportAs: (collection, format) =>
      void act(async () => {
        const text = await api.exportCollection(collection.id, format);
        const suffix = format === 'postman' ? '.postman_collection.json' : '.sse-collection.json';
        download(`${collection.name.replace(/[^\w.-]+/g, '_')}${suffix}`, text);
      }),
  };

  const importFile = (file: File) =>
    void act(async () => {
      const result = await api.importCollection(await file.text(), file.name);
      const parts = [
        `Imported ${result.requests} request${result.requests === 1 ? '' : 's'}`,
        result.environments.length > 0 ? `environments ${result.environments.join(', ')}` : '',
      ].filter(Boolean);
      const notes = [
        ...result.warnings,
        ...(result.notSaved.length > 0
          ? [`Not saved (no key store here): ${result.notSaved.join('; ')}`]
          : []),
      ];
      useInspectorStore.getState().setEnvironments(await api.listEnvironments());
      // act() clears the message on success: show the outcome after it.
      setTimeout(() =>
        setMessage({ error: false, text: [`${parts.join(', ')}.`, ...notes].join(' ') }),
      );
    }).finally(() => {
      if (input.current) input.current.value = '';
    });

  const [adding, setAdding] = useState<string | null>(null);
  const addCurrent = (name: string) => {
    const template = draftToTemplate(useInspectorStore.getState().draft);
    if (template === null) {
      setMessage({ error: true, text: barNotReady });
      return;
    }
    setAdding(null);
    void act(async () => {
      const saved = await api.addCollectionRequest(null, name, template);
      showNotSaved('Added.', saved.notSaved);
    });
  };

  return (
    <div className="collections-panel" data-testid="collections-panel">
      <div className="history-tools">
        <button type="button" className="small-button" onClick={() => input.current?.click()}>
          Import…
        </button>
        <input
          ref={input}
          type="file"
          className="offscreen"
          aria-label="Import collection file"
          accept=".json,.har,application/json"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) importFile(file);
          }}
        />
        <button
          type="button"
          className="small-button"
          onClick={() => setAdding(adding === null ? 'My request' : null)}
        >
          Add request bar…
        </button>
        <button
          type="button"
          className="small-button"
          aria-expanded={showEnvironments}
          onClick={() => setShowEnvironments(!showEnvironments)}
        >
          Environments…
        </button>
      </div>
      {adding !== null && (
        <div className="action-row">
          <input
            aria-label="Request name"
            value={adding}
            autoFocus
            onChange={(event) => setAdding(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && adding.trim() !== '') addCurrent(adding.trim());
              if (event.key === 'Escape') setAdding(null);
            }}
          />
          <button
            type="button"
            className="small-button"
            disabled={adding.trim() === ''}
            onClick={() => addCurrent(adding.trim())}
          >
            Add to My requests
          </button>
        </div>
      )}
      <FeedbackLine feedback={message} testId="collections-message" />
      {showEnvironments && <EnvironmentsEditor />}
      {collections.length === 0 ? (
        <p className="muted">
          Import a Postman collection, an Insomnia export or a HAR, or add the request bar&apos;s
          request, to keep requests here.
        </p>
      ) : (
        collections.map((collection) => (
          <CollectionTree key={collection.id} collection={collection} actions={actions} />
        ))
      )}
    </div>
  );
}
