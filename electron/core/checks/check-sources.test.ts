import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import { createCheckEvaluator, type CheckEvaluator } from '../../../shared/checks/index.ts';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { Workspace } from '../workspace/workspace.ts';
import { checkLive } from './check-sources.ts';

let server: FixtureServer;
let dir: string;
let workspace: Workspace;

beforeAll(async () => {
  server = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'sse-check-live-'));
  workspace = Workspace.open(join(dir, 'w.db'));
});
afterAll(async () => {
  workspace.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs a live check on a clock the test moves: the server holds the second event at a gate
 * until the test has seen the first one and advanced the clock by `silenceMs`.
 */
async function gapRun(gate: string, silenceMs: number): Promise<CheckEvaluator> {
  let now = 0;
  const evaluator = createCheckEvaluator({ maxGapMs: 2000 });
  let sawFirst = (): void => {};
  const firstEvent = new Promise<void>((resolve) => (sawFirst = resolve));
  const watched: CheckEvaluator = {
    ...evaluator,
    push(record) {
      evaluator.push(record);
      if (record.kind === 'event') sawFirst();
    },
  };
  const run = checkLive(workspace, watched, {
    spec: parseRequestSpec({
      url: `${server.url}/typed?types=a,b&gate=${gate}&gateAt=2`,
      reconnect: { maxAttempts: 1 },
    }),
    maxEvents: null,
    durationMs: null,
    name: null,
    now: () => now,
  });
  await firstEvent;
  now += silenceMs;
  server.release(gate);
  await run;
  return evaluator;
}

describe('live checks on a gated stream', () => {
  it('fails maxGapMs when the server stays silent longer than the limit', async () => {
    const evaluator = await gapRun('long-gap', 3012);
    expect(evaluator.results()).toEqual([
      { name: 'maxGapMs', state: 'fail', detail: '3012 ms between events 0 and 1 (limit 2000)' },
    ]);
  });

  it('passes maxGapMs when the silence stays within the limit', async () => {
    const evaluator = await gapRun('short-gap', 1500);
    expect(evaluator.results()[0]!.state).toBe('pass');
  });
});
