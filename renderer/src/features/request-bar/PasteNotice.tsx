import type { PasteNotice as Notice } from './use-pasted-request.ts';

/** Says what a pasted request filled in and what it asked for that is not done; dismissable. */
export function PasteNotice({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <div
      className={notice.ok ? 'paste-notice' : 'paste-notice paste-notice-error'}
      role={notice.ok ? 'status' : 'alert'}
      data-testid="paste-notice"
    >
      <div className="paste-notice-text">
        {notice.ok ? (
          <>
            <strong>Request filled from the pasted command.</strong>
            {notice.notes.length > 0 && (
              <>
                {' '}
                Not taken over:
                <ul>
                  {notice.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <>
            <strong>Could not read the pasted command.</strong> {notice.message}
          </>
        )}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss notice"
        title="Dismiss"
        onClick={onDismiss}
      >
        ×
      </button>
    </div>
  );
}
