import { useState } from 'react';
import { useInspectorStore } from '../store/inspector-store.ts';
import { HistoryPanel } from '../features/history/HistoryPanel.tsx';
import { SavedRequests } from '../features/history/SavedRequests.tsx';
import { ConnectionsList } from '../features/connections/ConnectionsList.tsx';
import { ProxyPanel } from '../features/proxy/ProxyPanel.tsx';
import './sidebar.css';

type SidebarTab = 'connections' | 'history' | 'saved' | 'proxy';

/** The left column: open connections, recorded sessions, saved requests, the capture proxy. */
export function Sidebar() {
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
          aria-selected={tab === 'proxy'}
          onClick={() => setTab('proxy')}
        >
          Proxy
        </button>
      </div>
      {tab === 'connections' && <ConnectionsList />}
      {tab === 'history' && <HistoryPanel />}
      {tab === 'saved' && <SavedRequests refreshKey={savedRevision} />}
      {tab === 'proxy' && <ProxyPanel />}
    </aside>
  );
}
