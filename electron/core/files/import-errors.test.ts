import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everyKindOfRecord, sessionStart } from '../workspace/test-fixtures.ts';
import {
  exportToText,
  sessionIds,
  storeSession,
  tempWorkspace,
  timelineOf,
  type TempWorkspace,
} from './files-test-kit.ts';
import { importSessionFile } from './import-session.ts';
import { isMalformedInput, SessionFileError } from './session-file-error.ts';

let temp: TempWorkspace;
let existing: number[];
let nativeText: string;
beforeEach(async () => {
  temp = tempWorkspace();
  const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
  nativeText = await exportToText(temp.workspace, id, { format: 'json' });
  existing = sessionIds(temp.workspace);
});
afterEach(() => temp.cleanup());

function file(name: string, content: string | Uint8Array): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
}

/** Imports, expects a SessionFileError, and checks that the workspace did not change. */
async function importFails(path: string): Promise<SessionFileError> {
  let failure: unknown;
  try {
    await importSessionFile(temp.workspace, path);
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(SessionFileError);
  expect(sessionIds(temp.workspace)).toEqual(existing);
  // No rows left behind for a session id that was handed out and removed.
  const next = Math.max(...existing) + 1;
  expect(timelineOf(temp.workspace, next)).toEqual([]);
  expect(temp.workspace.readChunkPage(next, { limit: 10 })).toEqual([]);
  return failure as SessionFileError;
}

describe('importing malformed files writes nothing and says why', () => {
  it('broken JSON', async () => {
    const error = await importFails(file('broken.json', '{"format": "sse-inspector-session",'));
    expect(error.code).toBe('invalid-json');
    expect(error.message).toMatch(/^This file is not valid JSON/);
    expect(isMalformedInput(error)).toBe(true);
  });

  it('a JSON file of another format', async () => {
    const error = await importFails(file('other.json', '{"format":"something-else","version":1}'));
    expect(error.code).toBe('wrong-format');
    expect(error.message).toContain('"something-else"');
    const neither = await importFails(file('neither.json', '{"hello":"world"}'));
    expect(neither.message).toBe(
      'This JSON file is neither an SSE Inspector session file nor a HAR file.',
    );
  });

  it('a session file of a newer version', async () => {
    const newer = nativeText.replace('"version":1,', '"version":3,');
    const error = await importFails(file('newer.ssesession.json', newer));
    expect(error.code).toBe('too-new');
    expect(error.message).toBe(
      'This session file is version 3; this SSE Inspector reads version 1. Update the app to open it.',
    );
    // Also when another tool reformatted it.
    const pretty = JSON.stringify({ ...JSON.parse(nativeText), version: 3 }, null, 2);
    expect((await importFails(file('newer-pretty.json', pretty))).code).toBe('too-new');
  });

  it('a session file cut short, after records were already written', async () => {
    const cut = nativeText.slice(0, nativeText.lastIndexOf('{"kind"'));
    const error = await importFails(file('cut.ssesession.json', cut));
    expect(error.message).toMatch(/cut short/);
  });

  it('a damaged record in the middle', async () => {
    const lines = nativeText.split('\n');
    const at = lines.findIndex((line) => line.startsWith('{"kind":"event"'));
    lines[at] = lines[at]!.replace('"start":', '"start":"x","was":');
    const error = await importFails(file('damaged.ssesession.json', lines.join('\n')));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain(`line ${at + 1}`);
    expect(error.message).toContain('start');
  });

  it('a record line that is not JSON', async () => {
    const lines = nativeText.split('\n');
    const at = lines.findIndex((line) => line.startsWith('{"kind":"chunk"'));
    lines[at] = '{"kind":"chunk",';
    const error = await importFails(file('bad-line.ssesession.json', lines.join('\n')));
    expect(error.code).toBe('invalid-json');
    expect(error.message).toContain(`line ${at + 1}`);
  });

  it('records that do not match the counts in the header', async () => {
    const lines = nativeText.split('\n');
    const at = lines.findIndex((line) => line.startsWith('{"kind":"control"'));
    // Drop a record: every later seq is then wrong.
    lines.splice(at, 1);
    const error = await importFails(file('missing.ssesession.json', lines.join('\n')));
    expect(error.message).toMatch(/seq \d+, expected \d+/);
  });

  it('a chunk whose base64 does not hold its size', async () => {
    const document = JSON.parse(nativeText) as { records: Array<Record<string, unknown>> };
    const chunk = document.records.find((r) => r.kind === 'chunk')!;
    chunk.size = 3;
    const error = await importFails(file('size.json', JSON.stringify(document)));
    expect(error.message).toMatch(/chunk of 3 bytes holds \d+/);
  });

  it('a HAR without entries, and one without event streams', async () => {
    const empty = { log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [] } };
    const error = await importFails(file('empty.har', JSON.stringify(empty)));
    expect(error.code).toBe('no-streams');
    expect(error.message).toBe('This HAR file has no entries.');
    const html = JSON.parse(
      readFileSync(new URL('./fixtures/chrome-eventsource.har', import.meta.url), 'utf8'),
    ) as { log: { entries: unknown[] } };
    html.log.entries = html.log.entries.slice(0, 1);
    const none = await importFails(file('html.har', JSON.stringify(html)));
    expect(none.message).toMatch(/has 1 entry but no event-stream request/);
  });

  it('a HAR whose event-stream request has an unusable URL, quoted once', async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2024-05-01T10:00:00.000Z',
            request: { method: 'GET', url: 'not a url', headers: [] },
            response: {
              status: 200,
              headers: [{ name: 'Content-Type', value: 'text/event-stream' }],
            },
          },
        ],
      },
    };
    const error = await importFails(file('url.har', JSON.stringify(har)));
    expect(error.message).toBe(
      `This HAR file's event-stream request cannot be used: "not a url" is not a valid URL.`,
    );
  });

  it('a HAR whose response body is marked base64 but is not', async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2024-05-01T10:00:00.000Z',
            request: { method: 'GET', url: 'https://x.example/s', headers: [] },
            response: {
              status: 200,
              headers: [{ name: 'Content-Type', value: 'text/event-stream' }],
              content: { mimeType: 'text/event-stream', encoding: 'base64', text: 'data: hi!!' },
            },
          },
        ],
      },
    };
    const error = await importFails(file('b64.har', JSON.stringify(har)));
    expect(error.message).toBe(
      'This HAR file is damaged: the response body of GET https://x.example/s is marked base64 but is not base64.',
    );
  });

  it('a HAR whose entries are not entries', async () => {
    const error = await importFails(file('bad.har', '{"log":{"entries":[{"request":{}}]}}'));
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/^This HAR file is damaged: log\.entries\.0\./);
  });

  it('a file named .har or .json that does not hold JSON', async () => {
    for (const name of ['capture.har', 'session.ssesession.json', 'list.json']) {
      const error = await importFails(file(name, name.endsWith('list.json') ? '[1,2]' : 'hello'));
      expect(error.code).toBe('invalid-json');
      expect(error.message).toMatch(
        /^This file's name ends in \.(har|json), but it does not hold a JSON object/,
      );
    }
  });

  it('an empty file, and a missing one', async () => {
    expect((await importFails(file('empty.sse', ''))).code).toBe('empty');
    const missing = await importFails(join(temp.dir, 'nope.sse'));
    expect(missing.code).toBe('unreadable');
    expect(isMalformedInput(missing)).toBe(false);
  });
});

describe('what editors do to a session file', () => {
  it('imports a session file saved with a BOM', async () => {
    const result = await importSessionFile(
      temp.workspace,
      file('bom.ssesession.json', `\uFEFF${nativeText}`),
    );
    expect(result.format).toBe('native');
    expect(timelineOf(temp.workspace, result.sessions[0]!.sessionId)).toEqual(
      timelineOf(temp.workspace, existing[0]!),
    );
  });
});

describe('raw bytes are always a stream', () => {
  it('imports binary garbage with parser warnings and a note', async () => {
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    const result = await importSessionFile(temp.workspace, file('garbage.bin', garbage));
    expect(result.format).toBe('raw');
    const session = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    expect(session.bytes).toBe(4096);
    expect(session.warnings).toBeGreaterThan(0);
    expect(result.notes.join(' ')).toMatch(/No events were found/);
  });
});
