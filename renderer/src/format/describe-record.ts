import type { TimelineRecord } from '../../../shared/capture/live-frames.ts';
import { formatBytes, visibleControls } from './format.ts';

export interface RowText {
  /** The Type column: the event type, or the lifecycle kind. */
  label: string;
  id: string;
  /** Size column: data length for events, bytes for chunks; empty otherwise. */
  size: string;
  /** The Data column, one line. */
  text: string;
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** What a timeline row says about a record, shared by the row, the search and copy actions. */
export function describeRecord(record: TimelineRecord): RowText {
  switch (record.kind) {
    case 'event':
      return {
        label: record.type,
        id: record.lastEventId,
        size: formatBytes(record.dataLength),
        text: visibleControls(record.data),
      };
    case 'attempt': {
      const lastId = record.lastEventId === null ? '' : ` · Last-Event-ID: ${record.lastEventId}`;
      return {
        label: 'attempt',
        id: '',
        size: '',
        text: `Attempt #${record.attempt} (${record.reason}) ${record.request.method} ${record.request.url}${lastId}`,
      };
    }
    case 'redirect':
      return {
        label: 'redirect',
        id: '',
        size: '',
        text: `${record.status} ${record.from} → ${record.to}`,
      };
    case 'response': {
      const type = record.contentType ?? 'no Content-Type';
      const encoding = headerValue(record.headers, 'content-encoding');
      // Only a body not read as SSE names its framing (NDJSON, JSON-seq, JSON array).
      const framing = record.framing !== undefined && record.framing !== 'sse';
      return {
        label: 'response',
        id: '',
        size: '',
        text: `${record.status} ${record.statusText} · ${type} · HTTP/${record.httpVersion}${encoding ? ` · ${encoding}` : ''}${framing ? ` · read as ${record.framing}` : ''}`,
      };
    }
    case 'retry':
      return { label: 'retry', id: '', size: '', text: `Reconnection time set to ${record.ms} ms` };
    case 'comment':
      return { label: 'comment', id: '', size: '', text: `: ${visibleControls(record.text)}` };
    case 'warning':
      return { label: 'warning', id: '', size: '', text: `${record.code}: ${record.message}` };
    case 'error':
      return { label: 'error', id: '', size: '', text: `${record.category}: ${record.message}` };
    case 'closed': {
      const cut = record.incomplete ? ' · stream ended inside an event' : '';
      return {
        label: 'closed',
        id: '',
        size: formatBytes(record.bytes),
        text: `Closed (${record.reason}) after ${record.events} events${cut}`,
      };
    }
    case 'reconnect': {
      const jitter =
        record.baseDelayMs !== record.delayMs ? ` (base ${record.baseDelayMs} ms, jittered)` : '';
      const lastId = record.lastEventId === null ? '' : ` · Last-Event-ID: ${record.lastEventId}`;
      return {
        label: 'reconnect',
        id: '',
        size: '',
        text: `Attempt #${record.attempt} in ${record.delayMs} ms${jitter} — ${record.reason}${lastId}`,
      };
    }
    case 'control':
      return {
        label: 'control',
        id: '',
        size: '',
        text: `${record.action}${record.detail ? `: ${record.detail}` : ''}`,
      };
  }
}
