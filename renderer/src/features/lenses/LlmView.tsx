import { useState } from 'react';
import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import type { LlmLensSnapshot } from '../../../../shared/lenses/index.ts';
import { copyText } from '../../lib/clipboard.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import { formatCount, formatDelta } from '../../format/format.ts';
import { BarChart } from './BarChart.tsx';
import { Metric } from './Metric.tsx';
import { lensFeed } from './lens-feeds.ts';
import { useThrottledRevision } from '../../store/use-throttled-revision.ts';
import './lenses.css';

const formatNames: Record<string, string> = {
  'openai-chat': 'OpenAI chat completions',
  'openai-responses': 'OpenAI Responses API',
  anthropic: 'Anthropic messages',
  ollama: 'Ollama (/api/chat, /api/generate)',
  gemini: 'Gemini streamGenerateContent',
  generic: 'JSON text deltas',
};

/** The LLM lens: the answer as it assembles, tool calls, timing, usage and stream problems. */
export function LlmView({ status }: { status: ConnectionStatus }) {
  useThrottledRevision();
  const [chosenAttempt, setChosenAttempt] = useState<number | null>(null);
  const attempt = chosenAttempt ?? status.attempt;
  const lens = lensFeed(timelineLog(status.id)).llm(attempt);
  return (
    <section className="lens-view" aria-label="LLM stream" data-testid="llm-view">
      <div className="lens-header">
        <span className="lens-format" data-testid="llm-format">
          {lens.format ? formatNames[lens.format] : 'No LLM stream format recognized (yet)'}
        </span>
        {lens.model && <span className="muted">model {lens.model}</span>}
        <span className="controls-spacer" />
        {status.attempt > 1 && (
          <label className="muted">
            Attempt{' '}
            <select
              aria-label="Attempt"
              value={attempt}
              onChange={(event) => setChosenAttempt(Number(event.target.value))}
            >
              {Array.from({ length: status.attempt }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  #{n}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <LlmMetrics lens={lens} />
      <LlmProblems lens={lens} />
      <div className="lens-columns">
        <div className="lens-text-panel">
          <div className="panel-bar">
            <h3>Assembled text</h3>
            <button type="button" className="small-button" onClick={() => void copyText(lens.text)}>
              Copy text
            </button>
          </div>
          <pre className="assembled-text" data-testid="llm-text">
            {lens.text || (lens.format ? '…' : '')}
          </pre>
          {lens.toolCalls.length > 0 && (
            <div className="tool-calls">
              <h3>Tool calls</h3>
              {lens.toolCalls.map((call) => (
                <div key={call.key} className="tool-call" data-testid="llm-tool-call">
                  <div>
                    <strong>{call.name ?? '(unnamed)'}</strong>{' '}
                    <span className="muted">{call.id}</span>{' '}
                    {call.complete && !call.argumentsValid && (
                      <span className="warning-code">arguments are not valid JSON</span>
                    )}
                  </div>
                  <pre className="data-text">{call.arguments}</pre>
                </div>
              ))}
            </div>
          )}
        </div>
        <div className="lens-side-panel">
          <h3>Text deltas per second</h3>
          <BarChart
            ariaLabel="Text deltas per second"
            unit="deltas/s"
            bars={lens.deltasPerSecond.map((bucket) => ({
              label: `${(bucket.t / 1000).toFixed(0)} s`,
              value: (bucket.count * 1000) / lens.bucketMs,
            }))}
          />
          <h3>Gaps over 1 s</h3>
          {lens.gaps.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="plain-list">
              {lens.gaps.map((gap, i) => (
                <li key={i}>
                  {formatDelta(gap.ms)} after delta #{gap.afterDelta}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

function LlmMetrics({ lens }: { lens: LlmLensSnapshot }) {
  const usage = lens.usage;
  return (
    <div className="lens-metrics">
      <Metric
        label="Time to first token"
        value={lens.ttftMs === null ? '—' : formatDelta(lens.ttftMs)}
        testId="llm-ttft"
      />
      <Metric label="Deltas" value={formatCount(lens.deltas)} testId="llm-deltas" />
      <Metric
        label="Deltas/s"
        value={
          lens.streamMs && lens.streamMs > 0
            ? ((lens.deltas * 1000) / lens.streamMs).toFixed(1)
            : '—'
        }
      />
      <Metric
        label="Finish"
        value={lens.finishReason ?? (lens.terminated ? 'ended' : '—')}
        testId="llm-finish"
      />
      <Metric
        label="Tokens in / out"
        value={usage ? `${usage.inputTokens ?? '?'} / ${usage.outputTokens ?? '?'}` : '—'}
      />
      <Metric label="Events" value={formatCount(lens.events)} />
    </div>
  );
}

function LlmProblems({ lens }: { lens: LlmLensSnapshot }) {
  if (lens.problems.length === 0) return null;
  return (
    <ul className="lens-problems" data-testid="llm-problems">
      {lens.problems.map((problem, i) => (
        <li key={i} className={`problem-${problem.severity}`}>
          <span className="warning-code">{problem.code}</span> {problem.message}
          {problem.eventIndex !== null && (
            <span className="muted"> (event #{problem.eventIndex})</span>
          )}
        </li>
      ))}
    </ul>
  );
}
