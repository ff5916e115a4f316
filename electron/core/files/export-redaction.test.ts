import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import { REDACTED } from '../../../shared/secrets/index.ts';
import { everyKindOfRecord } from '../workspace/test-fixtures.ts';
import { exportToText, storeSession, tempWorkspace, type TempWorkspace } from './files-test-kit.ts';
import { importSessionFile } from './import-session.ts';

describe('secrets in stored sessions and their exports', () => {
  let temp: TempWorkspace;
  let id: number;
  const secret = 'sk-secret-123';
  beforeEach(() => {
    temp = tempWorkspace();
    const url = `https://api.example.com/stream?key=${secret}&channel=ops`;
    const records: CaptureRecord[] = everyKindOfRecord().map((record) => {
      if (record.kind === 'attempt') {
        return {
          ...record,
          request: {
            ...record.request,
            url,
            headers: [
              ['Authorization', `Bearer ${secret}`],
              ['Accept-Encoding', 'identity'],
            ],
          },
        };
      }
      if (record.kind === 'response') {
        return { ...record, url, headers: [...record.headers, ['Set-Cookie', `sid=${secret}`]] };
      }
      if (record.kind === 'redirect') {
        return { ...record, from: url, headers: [['Location', `/v2?token=${secret}`]] };
      }
      return record;
    });
    id = storeSession(
      temp.workspace,
      {
        spec: parseRequestSpec({
          url,
          headers: [
            ['Authorization', `Bearer ${secret}`],
            ['X-API-Key', secret],
            ['Accept', 'text/event-stream'],
          ],
          proxy: { mode: 'url', url: `http://me:${secret}@proxy.example:8080` },
          body: '{"prompt":"hi"}',
        }),
        startedAt: 1_700_000_000_000,
        origin: 'live',
      },
      records,
    );
  });
  afterEach(() => temp.cleanup());

  it.each(['json', 'har', 'ndjson', 'raw'] as const)('%s: no secret by default', async (format) => {
    const text = await exportToText(temp.workspace, id, { format });
    expect(text).not.toContain(secret);
    if (format === 'json' || format === 'har') {
      expect(text).toContain(REDACTED);
      expect(text).toContain('identity'); // Accept-Encoding is not a secret
      expect(text).toContain('channel=ops');
      expect(text).toContain('{\\"prompt\\":\\"hi\\"}'); // bodies are kept
    }
  });

  it('are stored as markers that keep their names', () => {
    const session = temp.workspace.getSession(id)!;
    expect(JSON.stringify(session)).not.toContain(secret);
    expect(session.url).toBe(`https://api.example.com/stream?key=${REDACTED}&channel=ops`);
    expect(session.attemptDetails[0]!.request!.headers[0]).toEqual([
      'Authorization',
      `Bearer ${REDACTED}`,
    ]);
    const timeline = temp.workspace.readTimeline(id, { limit: 100 });
    expect(JSON.stringify(timeline)).not.toContain(secret);
  });

  it('marks the native file as redacted', async () => {
    const redacted = JSON.parse(await exportToText(temp.workspace, id, { format: 'json' }));
    expect(redacted.redacted).toBe(true);
    expect(redacted.session.spec.headers).toEqual([
      ['Authorization', `Bearer ${REDACTED}`],
      ['X-API-Key', REDACTED],
      ['Accept', 'text/event-stream'],
    ]);
    expect(redacted.session.spec.proxy.url).toBe(`http://${REDACTED}@proxy.example:8080`);
  });

  it('imports a redacted file (redacted URLs are still valid URLs)', async () => {
    const path = join(temp.dir, 'redacted.ssesession.json');
    writeFileSync(path, await exportToText(temp.workspace, id, { format: 'json' }));
    const result = await importSessionFile(temp.workspace, path);
    const session = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    expect(session.url).toBe(`https://api.example.com/stream?key=${REDACTED}&channel=ops`);
    expect(session.attemptDetails[0]!.request!.headers[0]).toEqual([
      'Authorization',
      `Bearer ${REDACTED}`,
    ]);
  });

  it('imports a file that holds secrets (an older export) with markers in their place', async () => {
    const exported = await exportToText(temp.workspace, id, { format: 'json' });
    // What an export "keeping secrets" used to write: the values instead of the markers.
    const withSecrets = exported
      .replace('"redacted":true', '"redacted":false')
      .replaceAll(REDACTED, secret);
    const path = join(temp.dir, 'with-secrets.ssesession.json');
    writeFileSync(path, withSecrets);
    const result = await importSessionFile(temp.workspace, path);
    const imported = result.sessions[0]!.sessionId;
    expect(JSON.stringify(temp.workspace.getSession(imported))).not.toContain(secret);
    expect(JSON.stringify(temp.workspace.readTimeline(imported, { limit: 100 }))).not.toContain(
      secret,
    );
  });
});
