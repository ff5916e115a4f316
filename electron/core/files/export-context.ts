import type { Workspace } from '../workspace/workspace.ts';
import type { OutputSink } from './output-sink.ts';

/** What every exporter gets: where to read, where to write, and how. */
export interface ExportContext {
  workspace: Workspace;
  sink: OutputSink;
  generator: { name: string; version: string };
  /** Time of the export (ms since the epoch). */
  exportedAt: number;
  /** Only this attempt (raw and NDJSON exports); null: every attempt. */
  attempt: number | null;
  /** Reports progress; exporters call it every few thousand items and once at the end. */
  progress(done: number, total: number): void;
}
