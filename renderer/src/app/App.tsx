import { memo, useCallback, useState } from 'react';
import { Sidebar } from './Sidebar.tsx';
import { ChecksView } from '../features/checks/ChecksView.tsx';
import { ProxiedControls } from '../features/controls/ProxiedControls.tsx';
import { ReconnectControls } from '../features/controls/ReconnectControls.tsx';
import { EventDetail } from '../features/detail/EventDetail.tsx';
import { CompareView } from '../features/lenses/CompareView.tsx';
import { LlmView } from '../features/lenses/LlmView.tsx';
import { StatsView } from '../features/lenses/StatsView.tsx';
import { RawView } from '../features/raw/RawView.tsx';
import { RequestBar } from '../features/request-bar/RequestBar.tsx';
import { StatusStrip } from '../features/status/StatusStrip.tsx';
import { Timeline } from '../features/timeline/Timeline.tsx';
import { WarningsPanel } from '../features/warnings/WarningsPanel.tsx';
import { mainViews } from '../store/app-slice.ts';
import { useInspectorStore } from '../store/inspector-store.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { Notices } from './Notices.tsx';
import { StatusFooter } from './StatusFooter.tsx';
import { useAppCommands } from './use-app-commands.ts';
import { useBackend } from './use-backend.ts';
import { useFileDrop } from './use-file-drop.ts';
import { useRememberedUi } from './use-remembered-ui.ts';
import { PaneSplitter } from './PaneSplitter.tsx';

// Parts that read the store themselves: the selected status changing with every batch must
// not re-render them.
const StaticRequestBar = memo(RequestBar);
const StaticSidebar = memo(Sidebar);
// The selected status changes with every live frame (its counters) and re-renders App: the parts
// that take only its id and a few stable fields skip those renders.
const StaticEventDetail = memo(EventDetail);
const StaticRawView = memo(RawView);
const StaticPaneSplitter = memo(PaneSplitter);
const StaticFooter = memo(StatusFooter);

export function App() {
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useAppCommands(useCallback(() => setShortcutsOpen(true), []));
  useBackend();
  useRememberedUi();
  const panes = useInspectorStore((state) => state.panes);
  const drop = useFileDrop();
  const backendError = useInspectorStore((state) => state.backendError);
  const selected = useInspectorStore((state) =>
    state.selectedConnectionId === null
      ? null
      : (state.connections[state.selectedConnectionId] ?? null),
  );
  const [bottomTab, setBottomTab] = useState<'raw' | 'warnings'>('raw');
  const mainView = useInspectorStore((state) => state.mainView);
  const setMainView = useInspectorStore((state) => state.setMainView);
  return (
    <div className="app-shell">
      <StaticRequestBar />
      {backendError && (
        <div className="banner banner-error" role="alert">
          {backendError}
        </div>
      )}
      <Notices />
      {drop.error && (
        <div className="banner banner-error" role="alert" data-testid="drop-error">
          {drop.error}{' '}
          <button type="button" className="link-button" onClick={drop.dismissError}>
            Dismiss
          </button>
        </div>
      )}
      <div
        className="workspace"
        style={{
          ['--sidebar-width' as string]: `${panes.sidebar}px`,
          ['--side-width' as string]: `${panes.side}px`,
          ['--raw-height' as string]: `${panes.raw}px`,
        }}
      >
        <StaticSidebar />
        <StaticPaneSplitter
          pane="sidebar"
          label="Resize the sidebar"
          orientation="vertical"
          grows={1}
        />
        <div className="main-column">
          {selected && <StatusStrip status={selected} />}
          {selected && !selected.historical && !selected.proxied && (
            <ReconnectControls status={selected} />
          )}
          {selected?.proxied && !selected.historical && <ProxiedControls status={selected} />}
          {selected?.historical && (
            <div className="controls recorded-note" data-testid="recorded-note">
              Recorded session (read-only), {selected.outcome ?? 'ended'}. Export or replay it from
              History.
            </div>
          )}
          {selected && (
            <div className="tabs view-tabs" role="tablist" aria-label="Views">
              {mainViews.map(([view, label]) => (
                <button
                  key={view}
                  type="button"
                  role="tab"
                  aria-selected={mainView === view}
                  onClick={() => setMainView(view)}
                >
                  {label}
                </button>
              ))}
            </div>
          )}
          {!selected || mainView === 'timeline' ? (
            <Timeline status={selected} />
          ) : mainView === 'llm' ? (
            <LlmView status={selected} />
          ) : mainView === 'stats' ? (
            <StatsView status={selected} />
          ) : mainView === 'checks' ? (
            <ChecksView status={selected} />
          ) : (
            <CompareView status={selected} />
          )}
        </div>
        {selected && (
          <StaticPaneSplitter
            pane="side"
            label="Resize the timeline and the event detail"
            orientation="vertical"
            grows={-1}
          />
        )}
        {selected && (
          <div className="side-column">
            <StaticEventDetail connectionId={selected.id} startedAt={selected.startedAt} />
            <StaticPaneSplitter
              pane="raw"
              label="Resize the raw bytes and warnings"
              orientation="horizontal"
              grows={-1}
            />
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
                  <StaticRawView connectionId={selected.id} currentAttempt={selected.attempt} />
                ) : (
                  <WarningsPanel status={selected} />
                )}
              </div>
            </div>
          </div>
        )}
      </div>
      <StaticFooter />
      {drop.dragging && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden>
          <p>Drop a session file, HAR or raw capture to import and open it</p>
        </div>
      )}
      {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
    </div>
  );
}
