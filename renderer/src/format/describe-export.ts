import type { ExportOutcome } from '../../../shared/ipc/api.ts';
import { formatBytes } from './format.ts';

/** What an export did, in a sentence; null when the user cancelled the save dialog. */
export function describeExport(outcome: ExportOutcome): string | null {
  switch (outcome.status) {
    case 'cancelled':
      return null;
    case 'saved':
      return `Saved ${formatBytes(outcome.bytes)} to ${outcome.path}`;
    case 'download':
      return `Downloading ${outcome.fileName} (${formatBytes(outcome.bytes)})`;
  }
}
