import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import type { CheckResult, CheckSpec } from '../../../../shared/checks/index.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { copyText } from '../../lib/clipboard.ts';
import { useNow } from '../../lib/use-now.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import { useThrottledRevision } from '../../store/use-throttled-revision.ts';
import { checkCommandText } from './cli-command-text.ts';
import { checksFeed } from './checks-feed.ts';
import { SavedSpecBar } from './SavedSpecBar.tsx';
import { hasSpecDraft, parseDraft, setSpecDraft, specDraft, starterSpecs } from './spec-drafts.ts';
import './checks.css';

const marks: Record<CheckResult['state'], string> = {
  pass: '✓',
  fail: '✗',
  pending: '…',
  skipped: '–',
};

/**
 * The Checks tab: a stream contract (the `cli check` spec) judged live over the selected
 * connection or session, each check turning ✓/✗ as events arrive.
 */
export function ChecksView({ status }: { status: ConnectionStatus }) {
  const [text, setText] = useState(() => specDraft(status.id));
  const [shownFor, setShownFor] = useState(status.id);
  if (shownFor !== status.id) {
    setShownFor(status.id);
    setText(specDraft(status.id));
  }
  const parsed = useMemo(() => parseDraft(text), [text]);
  const edit = (next: string) => {
    setText(next);
    setSpecDraft(status.id, next);
  };
  return (
    <section className="checks-view" aria-label="Checks" data-testid="checks-view">
      <div className="checks-editor">
        <div className="panel-bar">
          <h3>Spec</h3>
          <select
            aria-label="Start from"
            value=""
            onChange={(event) => {
              const starter = starterSpecs[Number(event.target.value)];
              if (starter) edit(JSON.stringify(starter.spec, null, 2));
            }}
          >
            <option value="" disabled>
              Start from…
            </option>
            {starterSpecs.map((starter, i) => (
              <option key={starter.name} value={i}>
                {starter.name}
              </option>
            ))}
          </select>
        </div>
        <textarea
          className="checks-spec"
          aria-label="Check spec (JSON)"
          spellCheck={false}
          value={text}
          onChange={(event) => edit(event.target.value)}
        />
        {parsed.error !== null && (
          <div className="field-error" role="alert" data-testid="checks-spec-error">
            {parsed.error}
          </div>
        )}
        <SavedSpecBar
          key={status.id}
          connectionId={status.id}
          spec={parsed.spec}
          isEdited={() => hasSpecDraft(status.id)}
          onLoad={(spec) => edit(JSON.stringify(spec, null, 2))}
        />
      </div>
      {parsed.spec !== null && <CheckResults status={status} spec={parsed.spec} />}
    </section>
  );
}

function CheckResults({ status, spec }: { status: ConnectionStatus; spec: CheckSpec }) {
  useThrottledRevision();
  const api = useInspectorApi();
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const expect = useMemo(() => spec.expect ?? {}, [spec]);
  const ended =
    status.historical === true || status.state === 'closed' || status.state === 'failed';
  const live = status.state === 'open' || status.state === 'connecting';
  const now = useNow(live, 500);
  const feed = checksFeed(timelineLog(status.id), expect);
  feed.sync(ended);
  if (live) feed.tick(now - status.startedAt);
  const results = feed.results();

  // The resume check drives the connection as the Drop control does, then reconnects at once
  // (not a proxied stream: its client reconnects on its own, as a new session).
  const drivable = !ended && status.historical !== true && status.proxied !== true;
  const dropDue = drivable && feed.dropDue();
  const dropped = useRef<object | null>(null);
  useEffect(() => {
    if (!dropDue || dropped.current === feed) return;
    dropped.current = feed;
    api
      .dropConnection(status.id)
      .then(() => api.reconnectNow(status.id))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [api, dropDue, feed, status.id]);

  const copy = () => {
    void copyText(checkCommandText(spec, status)).then(() => setCopied(true));
  };
  return (
    <div className="checks-results">
      <div className="panel-bar">
        <h3>
          Checks{' '}
          <span className="muted" data-testid="checks-summary">
            {summary(results, ended)}
          </span>
        </h3>
        <button type="button" className="small-button" onClick={copy}>
          {copied ? 'Copied' : 'Copy as CLI command'}
        </button>
      </div>
      {error !== null && <div className="field-error">{error}</div>}
      {results.length === 0 ? (
        <p className="muted">The spec has no checks under "expect".</p>
      ) : (
        <ul className="checks-list">
          {results.map((result) => (
            <li
              key={result.name}
              className={`check-row check-${result.state}`}
              data-testid={`check-${result.name}`}
              data-state={result.state}
            >
              <span className="check-mark" aria-label={result.state}>
                {marks[result.state]}
              </span>
              <span className="check-name">{result.name}</span>
              <span className="check-detail">{result.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function summary(results: CheckResult[], ended: boolean): string {
  const count = (state: CheckResult['state']) => results.filter((r) => r.state === state).length;
  const parts = [`${count('pass')} passed`, `${count('fail')} failed`];
  if (count('pending') > 0) parts.push(`${count('pending')} pending`);
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`);
  return `${parts.join(', ')}${ended ? '' : ' (live)'}`;
}
