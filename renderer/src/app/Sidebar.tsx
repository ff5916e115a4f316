import { useState } from 'react';
import { useInspectorStore } from '../store/inspector-store.ts';
import { HistoryPanel } from '../features/history/HistoryPanel.tsx';
import { SavedRequests } from '../features/history/SavedRequests.tsx';
import { ConnectionsList } from '../features/connections/ConnectionsList.tsx';
import { ProxyPanel } from '../features/proxy/ProxyPanel.tsx';
import { CollectionsPanel } from '../features/collections/CollectionsPanel.tsx';
import { openRecordedSession } from '../features/history/open-session.ts';
import { useInspectorApi } from '../api/api-context.ts';
import './sidebar.css';

type SidebarTab = 'connections' | 'history' | 'saved' | 'collections' | 'proxy';

/**
 * The left column: open connections, recorded sessions, saved requests, collections, the
 * capture proxy.
 */
export function Sidebar() {
  const api = useInspectorApi();
  const [tab, setTab] = useState<SidebarTab>('connections');
  const savedRevision = useInspectorStore((state) => state.savedRevision);
  return (
    <aside className="connections" aria-label="Connections and history">
      <div className="tabs sidebar-tabs" role="tablist" aria-label="Sidebar">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'connections'}
          onClick={() => setTab('connections')}
        >
          Connections
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'history'}
          onClick={() => setTab('history')}
        >
          History
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'saved'}
          onClick={() => setTab('saved')}
        >
          Saved
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'collections'}
          onClick={() => setTab('collections')}
        >
          Collections
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'proxy'}
          onClick={() => setTab('proxy')}
        >
          Proxy
        </button>
      </div>
      {tab === 'connections' && <ConnectionsList />}
      {tab === 'history' && <HistoryPanel />}
      {tab === 'saved' && <SavedRequests refreshKey={savedRevision} />}
      {tab === 'collections' && (
        <CollectionsPanel onOpenSession={(id) => void openRecordedSession(api, id)} />
      )}
      {tab === 'proxy' && <ProxyPanel />}
    </aside>
  );
}
