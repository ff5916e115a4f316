import { useInspectorStore } from '../store/inspector-store.ts';

export function StatusFooter() {
  const appInfo = useInspectorStore((state) => state.appInfo);
  const message = useInspectorStore((state) => state.commandMessage);
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
      {/* What the last shortcut or menu command did, or why it did nothing. */}
      <span
        className={`command-message${message?.error ? ' field-error' : ''}`}
        role="status"
        data-testid="command-message"
      >
        {message?.text}
      </span>
    </footer>
  );
}
