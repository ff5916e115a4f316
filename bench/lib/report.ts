// One line of the benchmark table, and how the table is printed.

export interface BenchRow {
  /** The benchmark it belongs to (`--only` name): parser, pipeline, memory, search, … */
  bench: string;
  name: string;
  measured: number;
  /** What `measured` is compared with, measured in the same run (or the budget for latencies). */
  reference: number | null;
  /** What the reference is, in a few words. */
  referenceLabel: string;
  /** measured / reference (for a throughput, higher is better; for a time, lower). */
  ratio: number | null;
  unit: string;
  /** The budget, in words: "ratio ≥ 1", "< 400 MB", … ("info" when there is none). */
  budget: string;
  /** null: informational, not judged. */
  pass: boolean | null;
  notes: string;
}

export function formatNumber(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  const digits =
    Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return unit === '' ? text : `${text} ${unit}`;
}

function verdict(pass: boolean | null): string {
  return pass === null ? 'info' : pass ? 'PASS' : 'MISS';
}

/** A plain-text table: name, measured, reference, ratio, budget, verdict. */
export function formatTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'measured', 'reference', 'ratio', 'budget', 'result'];
  const cells = rows.map((row) => [
    `${row.bench}: ${row.name}`,
    formatNumber(row.measured, row.unit),
    row.reference === null
      ? row.referenceLabel
      : `${formatNumber(row.reference, row.unit)} (${row.referenceLabel})`,
    row.ratio === null
      ? ''
      : `${row.ratio < 0.1 ? row.ratio.toPrecision(2) : row.ratio.toFixed(2)}x`,
    row.budget,
    verdict(row.pass),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] as string).length)),
  );
  const line = (values: string[]): string =>
    values
      .map((value, column) =>
        column === 1 || column === 3
          ? value.padStart(widths[column] as number)
          : value.padEnd(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Percentile (0–100) of unsorted samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
