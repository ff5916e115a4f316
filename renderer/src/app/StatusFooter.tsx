import { useInspectorStore } from '../store/inspector-store.ts';

export function StatusFooter() {
  const appInfo = useInspectorStore((state) => state.appInfo);
  return (
    <footer className="status-footer" data-testid="status-footer">
      {appInfo ? (
        <>
          <span>
            {appInfo.name} {appInfo.version}
          </span>
          <span>{appInfo.host === 'desktop' ? 'Desktop app' : 'Web host (127.0.0.1)'}</span>
          {appInfo.workspacePath && <span title="Workspace database">{appInfo.workspacePath}</span>}
        </>
      ) : (
        <span>Connecting to the inspector core…</span>
      )}
    </footer>
  );
}
