import type { CheckResult } from '../../../shared/checks/index.ts';

/** What `cli check` reports: the results, the session judged, a connection failure. */
export interface CheckReport {
  /** The recorded session (null for a raw file). */
  session: number | null;
  checks: CheckResult[];
  /** The connection failed for good (a check failing is not an error). */
  error: string | null;
}

/** Every check passed or was skipped, and the connection did not fail. */
export function reportOk(report: CheckReport): boolean {
  return (
    report.error === null && report.checks.every((c) => c.state === 'pass' || c.state === 'skipped')
  );
}

const marks: Record<CheckResult['state'], string> = {
  pass: '✓',
  fail: '✗',
  skipped: '-',
  pending: '…',
};

/** The readable list: one line per check, `✓ name: detail`. */
export function formatText(report: CheckReport): string {
  const lines = report.checks.map(
    (c) => `${marks[c.state]} ${c.name}: ${c.detail}${c.state === 'skipped' ? ' (skipped)' : ''}`,
  );
  if (report.checks.length === 0) lines.push('(the spec asks for no checks)');
  if (report.error !== null) lines.push(`✗ connection: ${report.error}`);
  const failed = report.checks.filter((c) => c.state === 'fail' || c.state === 'pending').length;
  const where = report.session === null ? '' : ` (session ${report.session})`;
  lines.push(
    reportOk(report)
      ? `All ${report.checks.length} checks passed${where}.`
      : `${failed} of ${report.checks.length} checks failed${report.error === null ? '' : ', and the connection failed'}${where}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** `{"ok":false,"session":12,"checks":[{"name":"maxGapMs","ok":false,"detail":"…"}]}`. */
export function formatJson(report: CheckReport): string {
  return `${JSON.stringify({
    ok: reportOk(report),
    session: report.session,
    checks: report.checks.map((c) => ({
      name: c.name,
      ok: c.state === 'pass' || c.state === 'skipped',
      ...(c.state === 'skipped' ? { skipped: true } : {}),
      detail: c.detail,
    })),
    ...(report.error === null ? {} : { error: report.error }),
  })}\n`;
}

/** JUnit XML: one testsuite, one testcase per check (failure or skipped inside). */
export function formatJunit(report: CheckReport): string {
  const failures = report.checks.filter((c) => c.state === 'fail' || c.state === 'pending').length;
  const skippedCount = report.checks.filter((c) => c.state === 'skipped').length;
  const cases = report.checks.map((c) => {
    const open = `  <testcase classname="sse-inspector.check" name="${xml(c.name)}">`;
    if (c.state === 'pass')
      return `${open}\n    <system-out>${xml(c.detail)}</system-out>\n  </testcase>`;
    if (c.state === 'skipped')
      return `${open}\n    <skipped message="${xml(c.detail)}"/>\n  </testcase>`;
    return `${open}\n    <failure message="${xml(c.detail)}">${xml(c.detail)}</failure>\n  </testcase>`;
  });
  if (report.error !== null) {
    cases.push(
      `  <testcase classname="sse-inspector.check" name="connection">\n    <error message="${xml(report.error)}">${xml(report.error)}</error>\n  </testcase>`,
    );
  }
  const session = report.session === null ? '' : ` (session ${report.session})`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${xml(`sse-inspector check${session}`)}" tests="${cases.length}" failures="${failures}" errors="${report.error === null ? 0 : 1}" skipped="${skippedCount}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}

/**
 * Text for an attribute or element: the five markup characters escaped, and characters XML 1.0
 * cannot carry at all (most C0 controls, lone surrogates) replaced with U+FFFD.
 */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(
      /[&<>"']/g,
      (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
    )
    .replace(/[\n\r\t]/g, (c) => `&#${c.charCodeAt(0)};`);
}
