import { ConnectionsList } from '../features/connections/ConnectionsList.tsx';
import { RequestBar } from '../features/request-bar/RequestBar.tsx';
import { Timeline } from '../features/timeline/Timeline.tsx';
import { useInspectorStore } from '../store/inspector-store.ts';
import { StatusFooter } from './StatusFooter.tsx';
import { useBackend } from './use-backend.ts';

export function App() {
  useBackend();
  const backendError = useInspectorStore((state) => state.backendError);
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
        <Timeline />
      </div>
      <StatusFooter />
    </div>
  );
}
