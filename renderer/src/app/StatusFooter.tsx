import { useInspectorStore } from '../store/inspector-store.ts';
import { themeChoices, type ThemeChoice } from '../store/remembered-ui.ts';

const themeLabels: Record<ThemeChoice, string> = {
  system: 'System theme',
  light: 'Light theme',
  dark: 'Dark theme',
};

export function StatusFooter() {
  const appInfo = useInspectorStore((state) => state.appInfo);
  const message = useInspectorStore((state) => state.commandMessage);
  const theme = useInspectorStore((state) => state.theme);
  const setTheme = useInspectorStore((state) => state.setTheme);
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
      <select
        aria-label="Theme"
        className="theme-select"
        value={theme}
        onChange={(event) => setTheme(event.target.value as ThemeChoice)}
      >
        {themeChoices.map((choice) => (
          <option key={choice} value={choice}>
            {themeLabels[choice]}
          </option>
        ))}
      </select>
    </footer>
  );
}
