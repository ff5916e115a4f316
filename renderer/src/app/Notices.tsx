import { useInspectorStore } from '../store/inspector-store.ts';

/** How many notices show at once; older ones wait behind a count (and "Dismiss all"). */
const shown = 3;

/**
 * What main tells the user outside any call: a workspace that could not be opened or written,
 * a file the OS handed the app that is not a session, a link it refused, a proxied request it
 * could not record. Each stays until dismissed: an error the user did not see is no error shown.
 */
export function Notices() {
  const notices = useInspectorStore((state) => state.notices);
  const dismiss = useInspectorStore((state) => state.dismissNotice);
  const clear = useInspectorStore((state) => state.clearNotices);
  if (notices.length === 0) return null;
  const first = Math.max(0, notices.length - shown);
  return (
    <div className="notices" data-testid="notices">
      {notices.slice(first).map((notice, i) => (
        <div
          key={first + i}
          className={`banner banner-${notice.level}`}
          role={notice.level === 'error' ? 'alert' : 'status'}
        >
          <span className="notice-text">
            <span className="notice-level">
              {notice.level === 'error' ? 'Error' : notice.level === 'warning' ? 'Warning' : 'Note'}
              :
            </span>{' '}
            {notice.message}
          </span>
          <button type="button" className="link-button" onClick={() => dismiss(first + i)}>
            Dismiss
          </button>
        </div>
      ))}
      {notices.length > shown && (
        <div className="banner banner-info">
          {notices.length - shown} older {notices.length - shown === 1 ? 'notice' : 'notices'}.{' '}
          <button type="button" className="link-button" onClick={clear}>
            Dismiss all
          </button>
        </div>
      )}
    </div>
  );
}
