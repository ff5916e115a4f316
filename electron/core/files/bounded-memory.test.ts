import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import { tempWorkspace, type TempWorkspace } from './files-test-kit.ts';
import { exportSessionToFile } from './export-session.ts';

let temp: TempWorkspace;
beforeAll(() => (temp = tempWorkspace()));
afterAll(() => temp.cleanup());

const EVENTS = 1_000_000;
const EVENTS_PER_CHUNK = 1000;
const MB = 1024 * 1024;

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

it('exports a 1,000,000-event session as NDJSON and as a session file in bounded memory', async () => {
  const { workspace } = temp;
  const recorder = workspace.createRecorder();
  const id = recorder.createSession({
    spec: parseRequestSpec({ url: 'https://api.example.com/firehose' }),
    startedAt: 1_700_000_000_000,
    origin: 'live',
  });
  const block = new TextEncoder().encode('data: x\n\n'.repeat(EVENTS_PER_CHUNK));
  for (let i = 0; i < EVENTS; i++) {
    if (i % EVENTS_PER_CHUNK === 0) {
      const seq = i / EVENTS_PER_CHUNK;
      const offset = seq * block.byteLength;
      recorder.append(id, { kind: 'chunk', attempt: 1, seq, t: i, wall: i, offset, bytes: block });
    }
    const start = i * 9;
    recorder.append(id, {
      kind: 'event',
      attempt: 1,
      t: i,
      index: i,
      type: 'message',
      data: 'x',
      lastEventId: '',
      start,
      end: start + 9,
    });
  }
  recorder.finishSession(id, 1_700_000_000_000 + EVENTS, 'closed');
  recorder.close();

  const gc = collectGarbage();
  gc();
  const base = process.memoryUsage();
  let heapGrowth = 0;
  let calls = 0;
  const sample = (): void => {
    if (++calls % 25 !== 0) return;
    // Retained heap, after a collection, at points counted in progress reports (not in time):
    // a whole-session array or string would show here (hundreds of MB for a million events);
    // short-lived garbage, whose amount depends on how busy the machine is, would not. Peak
    // RSS of an export is a budget of `npm run bench -- --only memory`.
    gc();
    heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - base.heapUsed);
  };
  let last: [number, number] = [0, 0];
  for (const format of ['ndjson', 'json'] as const) {
    const path = join(temp.dir, `firehose.${format}`);
    await exportSessionToFile(workspace, id, path, {
      format,
      onProgress: (done, total) => {
        last = [done, total];
        sample();
      },
    });
    expect(last[0]).toBe(last[1]);
    expect(statSync(path).size).toBeGreaterThan(EVENTS * 60);
  }
  expect(calls).toBeGreaterThan(100);
  expect(heapGrowth / MB).toBeLessThan(100);
  // Only bounds a hang: ~30 s on an idle 2-core machine, over 4 minutes on one loaded 8× over.
}, 600_000);
