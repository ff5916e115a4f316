import { writeFileSync } from 'node:fs';
import { createCheckEvaluator, type CheckEvaluator } from '../../../shared/checks/index.ts';
import { REDACTED } from '../../../shared/secrets/index.ts';
import {
  formatJson,
  formatJunit,
  formatText,
  reportOk,
  type CheckReport,
} from '../checks/check-report.ts';
import { checkLive, checkSession, checkStreamFile } from '../checks/check-sources.ts';
import { defineCommand, openWorkspace, type Fail } from './cli-command.ts';
import { describeReadError, type CliIo } from './cli-io.ts';
import { parseCheckArgs, type CheckSettings } from './check-args.ts';

const checkUsage = `Usage: npm run --silent cli -- check [TARGET] --spec FILE [options]

Runs stream contract checks (status, event types and order, ids, gaps, schemas, resume, LLM
answers) and prints ✓/✗ per check. TARGET: a URL (captured live, overriding the spec's URL), a
raw stream FILE (checked offline: timing checks are skipped; its framing from --framing, else its
extension: .ndjson/.jsonl, .json-seq, .json, else sse), or a recorded SESSION_ID; absent: the
spec's request.
  --spec FILE              The check spec (JSON; see README "Checks in CI")
  --json                   Print one JSON object instead of the list
  --junit FILE             Also write JUnit XML for CI test reports
  --var NAME=VALUE         A {{variable}} for the spec's request (repeatable)
  --env-file FILE          Variables from a Postman/Insomnia environment or {"name":"value"} JSON
Checks as options (with or without a spec):
  --expect-status N  --min-events N  --max-gap-ms N  --no-warnings  --schema TYPE=FILE
  --resume-after N         Drop after N events, reconnect with Last-Event-ID, check the resume
Capture options as for capture (-X, -H, -d, -k, --proxy, --max-events, --duration, --db, …).
Exit code: 0 when every check passes, 1 when a check or the connection fails, 2 for a usage or
spec error (an unknown key, a bad pattern, an unreadable schema).
`;

/**
 * `check [TARGET] --spec FILE [--json] [--junit FILE] [--var N=V]… [--env-file F]`: evaluates a
 * stream contract (shared/checks) over a live capture, a recorded session or a raw file.
 */
export const runCheckCommand = defineCommand({
  name: 'check',
  usage: checkUsage,
  usageNote: 'see check --help',
  parse: parseCheckArgs,
  run: runCheck,
});

async function runCheck(settings: CheckSettings, io: CliIo, fail: Fail): Promise<number> {
  const scrub = scrubber(settings.secretValues);
  const scrubbedFail: Fail = (message, code) => fail(scrub(message), code);
  const { target } = settings;
  const evaluator = (offline: boolean): CheckEvaluator =>
    createCheckEvaluator(settings.expect, { offline, validators: settings.validators });
  let report: CheckReport;
  if (target.kind === 'file') {
    const checks = evaluator(true);
    try {
      await checkStreamFile(target.path, checks, target.framing);
    } catch (error) {
      return scrubbedFail(`cannot read '${target.path}': ${describeReadError(error)}`, 2);
    }
    report = { session: null, checks: checks.results(), error: null };
  } else {
    const missing =
      target.kind === 'session'
        ? `no such file '${target.id}', and no workspace at ${settings.dbPath}`
        : undefined;
    const workspace = await openWorkspace(settings.dbPath, scrubbedFail, missing);
    if (typeof workspace === 'number') return workspace;
    try {
      const checks = evaluator(false);
      if (target.kind === 'session') {
        if (!checkSession(workspace, checks, target.id)) {
          return scrubbedFail(
            `no such file '${target.id}', and no session ${target.id} in ${settings.dbPath}`,
            2,
          );
        }
        report = { session: target.id, checks: checks.results(), error: null };
      } else {
        const run = await checkLive(workspace, checks, {
          ...target,
          spec: target.request,
          name: settings.name,
        });
        report = { session: run.session, checks: checks.results(), error: run.error };
      }
    } finally {
      workspace.close();
    }
  }
  if (settings.junitPath !== null) {
    try {
      writeFileSync(settings.junitPath, scrub(formatJunit(report)));
    } catch (error) {
      return scrubbedFail(
        `--junit: cannot write ${settings.junitPath} (${describeReadError(error)})`,
        2,
      );
    }
  }
  io.stdout.write(scrub(settings.json ? formatJson(report) : formatText(report)));
  return reportOk(report) ? 0 : 1;
}

/** Replaces every secret value in a text (longest first, so a value inside another goes too). */
function scrubber(secrets: string[]): (text: string) => string {
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}
