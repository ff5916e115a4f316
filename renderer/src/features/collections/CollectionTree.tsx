import { useState, type ReactNode } from 'react';
import type {
  CollectionFolderItem,
  CollectionItem,
  CollectionItemKind,
  CollectionRequestItem,
} from '../../../../shared/ipc/collections-api.ts';

/** What the tree asks its panel to do; each returns when main has done it. */
export interface TreeActions {
  load(request: CollectionRequestItem): void;
  run(request: CollectionRequestItem): void;
  /** Replaces the stored request with what the request bar holds. */
  saveBar(request: CollectionRequestItem): void;
  openSession(sessionId: number): void;
  rename(kind: CollectionItemKind, id: number, name: string): void;
  move(kind: 'folder' | 'request', id: number, folderId: number | null): void;
  duplicate(kind: 'folder' | 'request', id: number): void;
  remove(kind: CollectionItemKind, id: number, name: string): void;
  exportAs(collection: CollectionItem, format: 'sse-inspector' | 'postman'): void;
}

/** A name that turns into a text box for renaming (Enter saves, Escape cancels). */
function EditableName({
  name,
  label,
  onRename,
  children,
}: {
  name: string;
  label: string;
  onRename: (name: string) => void;
  children: (startRename: () => void) => ReactNode;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  if (editing === null) return <>{children(() => setEditing(name))}</>;
  return (
    <input
      aria-label={`New name for ${label}`}
      className="collection-rename"
      value={editing}
      autoFocus
      onChange={(event) => setEditing(event.target.value)}
      onBlur={() => setEditing(null)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setEditing(null);
        if (event.key === 'Enter' && editing.trim() !== '') {
          onRename(editing.trim());
          setEditing(null);
        }
      }}
    />
  );
}

/** A Rename button that becomes a text box (Enter saves, Escape cancels). */
function RenameButton({
  label,
  current,
  onRename,
}: {
  label: string;
  current: string;
  onRename: (name: string) => void;
}) {
  return (
    <EditableName name={current} label={label} onRename={onRename}>
      {(startRename) => (
        <button
          type="button"
          className="small-button"
          aria-label={`Rename ${label}`}
          onClick={startRename}
        >
          Rename
        </button>
      )}
    </EditableName>
  );
}

/** Folders a folder or request can move to: the top, and every folder not inside `exclude`. */
function MoveSelect({
  collection,
  label,
  current,
  exclude,
  onMove,
}: {
  collection: CollectionItem;
  label: string;
  current: number | null;
  exclude?: number;
  onMove: (folderId: number | null) => void;
}) {
  const inside = (folder: CollectionFolderItem): boolean => {
    for (let at: CollectionFolderItem | undefined = folder; at;) {
      if (at.id === exclude) return true;
      at = collection.folders.find((f) => f.id === at!.parentId);
    }
    return false;
  };
  return (
    <select
      aria-label={`Move ${label} to`}
      className="collection-move"
      value=""
      onChange={(event) => {
        const value = event.target.value;
        if (value !== '') onMove(value === 'top' ? null : Number(value));
      }}
    >
      <option value="">Move…</option>
      {current !== null && <option value="top">Top of {collection.name}</option>}
      {collection.folders
        .filter((folder) => folder.id !== current && !inside(folder))
        .map((folder) => (
          <option key={folder.id} value={String(folder.id)}>
            {folder.name}
          </option>
        ))}
    </select>
  );
}

/** The less frequent actions of an item, behind a "⋯" button. */
function ItemMenu({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="item-menu">
      <summary aria-label={`More actions for ${label}`} title="More actions">
        ⋯
      </summary>
      <div className="item-menu-body">{children}</div>
    </details>
  );
}

/** Rename, duplicate, move and delete: what folders and requests both offer. */
function MoveableActions({
  kind,
  id,
  name,
  collection,
  parentId,
  actions,
}: {
  kind: 'folder' | 'request';
  id: number;
  name: string;
  collection: CollectionItem;
  parentId: number | null;
  actions: TreeActions;
}) {
  return (
    <>
      <RenameButton label={name} current={name} onRename={(to) => actions.rename(kind, id, to)} />
      <button type="button" className="small-button" onClick={() => actions.duplicate(kind, id)}>
        Duplicate
      </button>
      <MoveSelect
        collection={collection}
        label={name}
        current={parentId}
        {...(kind === 'folder' ? { exclude: id } : {})}
        onMove={(target) => actions.move(kind, id, target)}
      />
      <button type="button" className="small-button" onClick={() => actions.remove(kind, id, name)}>
        Delete
      </button>
    </>
  );
}

function RequestRow({
  collection,
  request,
  actions,
}: {
  collection: CollectionItem;
  request: CollectionRequestItem;
  actions: TreeActions;
}) {
  return (
    <li className="collection-request" data-testid="collection-request">
      <div className="collection-row">
        <button
          type="button"
          className="collection-request-name"
          title={`${request.method} ${request.url}: load into the request bar`}
          onClick={() => actions.load(request)}
        >
          <span className="collection-method">{request.method}</span> {request.name}
        </button>
        <button type="button" className="small-button" onClick={() => actions.run(request)}>
          Run
        </button>
        {request.lastSessionId !== null && (
          <button
            type="button"
            className="small-button"
            title="Open the session of the last run"
            onClick={() => actions.openSession(request.lastSessionId!)}
          >
            Last run
          </button>
        )}
        <ItemMenu label={request.name}>
          <button
            type="button"
            className="small-button"
            title="Replace this request with the request bar's method, URL, headers and body"
            onClick={() => actions.saveBar(request)}
          >
            Save request bar here
          </button>
          <MoveableActions
            kind="request"
            id={request.id}
            name={request.name}
            collection={collection}
            parentId={request.folderId}
            actions={actions}
          />
        </ItemMenu>
      </div>
    </li>
  );
}

function FolderNode({
  collection,
  folder,
  actions,
}: {
  collection: CollectionItem;
  folder: CollectionFolderItem;
  actions: TreeActions;
}) {
  const [open, setOpen] = useState(true);
  return (
    <li className="collection-folder">
      <div className="collection-row">
        <button
          type="button"
          className="collection-folder-name"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} {folder.name}
        </button>
        <ItemMenu label={folder.name}>
          <MoveableActions
            kind="folder"
            id={folder.id}
            name={folder.name}
            collection={collection}
            parentId={folder.parentId}
            actions={actions}
          />
        </ItemMenu>
      </div>
      {open && <FolderContents collection={collection} parentId={folder.id} actions={actions} />}
    </li>
  );
}

function FolderContents({
  collection,
  parentId,
  actions,
}: {
  collection: CollectionItem;
  parentId: number | null;
  actions: TreeActions;
}) {
  const folders = collection.folders.filter((folder) => folder.parentId === parentId);
  const requests = collection.requests.filter((request) => request.folderId === parentId);
  return (
    <ul className="collection-list">
      {folders.map((folder) => (
        <FolderNode
          key={`f${folder.id}`}
          collection={collection}
          folder={folder}
          actions={actions}
        />
      ))}
      {requests.map((request) => (
        <RequestRow
          key={`r${request.id}`}
          collection={collection}
          request={request}
          actions={actions}
        />
      ))}
    </ul>
  );
}

/** One collection: its folders (nested, collapsible) and requests, each with its actions. */
export function CollectionTree({
  collection,
  actions,
}: {
  collection: CollectionItem;
  actions: TreeActions;
}) {
  return (
    <section className="collection" aria-label={`Collection ${collection.name}`}>
      <header className="collection-header">
        <h3 className="collection-name">{collection.name}</h3>
        <ItemMenu label={collection.name}>
          <select
            aria-label={`Export ${collection.name}`}
            className="collection-move"
            value=""
            onChange={(event) => {
              const format = event.target.value;
              if (format === 'sse-inspector' || format === 'postman') {
                actions.exportAs(collection, format);
              }
            }}
          >
            <option value="">Export…</option>
            <option value="sse-inspector">SSE Inspector collection</option>
            <option value="postman">Postman v2.1</option>
          </select>
          <RenameButton
            label={collection.name}
            current={collection.name}
            onRename={(name) => actions.rename('collection', collection.id, name)}
          />
          <button
            type="button"
            className="small-button"
            onClick={() => actions.remove('collection', collection.id, collection.name)}
          >
            Delete
          </button>
        </ItemMenu>
      </header>
      <FolderContents collection={collection} parentId={null} actions={actions} />
    </section>
  );
}
