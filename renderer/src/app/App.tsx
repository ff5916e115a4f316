import { useState } from 'react';
import { ConnectionsList } from '../features/connections/ConnectionsList.tsx';
import { ReconnectControls } from '../features/controls/ReconnectControls.tsx';
import { EventDetail } from '../features/detail/EventDetail.tsx';
import { RawView } from '../features/raw/RawView.tsx';
import { RequestBar } from '../features/request-bar/RequestBar.tsx';
import { StatusStrip } from '../features/status/StatusStrip.tsx';
import { Timeline } from '../features/timeline/Timeline.tsx';
import { WarningsPanel } from '../features/warnings/WarningsPanel.tsx';
import { useInspectorStore } from '../store/inspector-store.ts';
import { StatusFooter } from './StatusFooter.tsx';
import { useBackend } from './use-backend.ts';

export function App() {
  useBackend();
  const backendError = useInspectorStore((state) => state.backendError);
  const selected = useInspectorStore((state) =>
    state.selectedConnectionId === null
      ? null
      : (state.connections[state.selectedConnectionId] ?? null),
  );
  const [bottomTab, setBottomTab] = useState<'raw' | 'warnings'>('raw');
  return (
    <div className="app-shell">
      <RequestBar />
      {backendError && (
        <div className="banner banner-error" role="alert">
          {backendError}
        </div>
      )}
      <div className="workspace">
        <ConnectionsList />
        <div className="main-column">
          {selected && <StatusStrip status={selected} />}
          {selected && <ReconnectControls status={selected} />}
          <Timeline status={selected} />
        </div>
        {selected && (
          <div className="side-column">
            <EventDetail status={selected} />
            <div className="side-bottom">
              <div className="tabs" role="tablist" aria-label="Bytes and warnings">
                <button
                  type="button"
                  role="tab"
                  aria-selected={bottomTab === 'raw'}
                  onClick={() => setBottomTab('raw')}
                >
                  Raw bytes
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={bottomTab === 'warnings'}
                  onClick={() => setBottomTab('warnings')}
                >
                  Warnings ({selected.warnings})
                </button>
              </div>
              <div role="tabpanel" className="tab-panel">
                {bottomTab === 'raw' ? (
                  <RawView status={selected} />
                ) : (
                  <WarningsPanel status={selected} />
                )}
              </div>
            </div>
          </div>
        )}
      </div>
      <StatusFooter />
    </div>
  );
}
