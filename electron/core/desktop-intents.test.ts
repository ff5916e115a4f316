import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppIntent, AppNotice } from '../../shared/ipc/api.ts';
import { InspectorCore } from './inspector-core.ts';

const chromeHar = fileURLToPath(
  new URL('./files/fixtures/chrome-eventsource.har', import.meta.url),
);

let dir: string;
let core: InspectorCore;
const intents: AppIntent[] = [];
const notices: AppNotice[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desktop-intents-'));
  core = new InspectorCore({ host: 'desktop', version: '1.0.0', workspacePath: ':memory:' });
  const client = core.attachClient((name, payload) => {
    if (name === 'appIntent') intents.push(payload as AppIntent);
    if (name === 'notice') notices.push(payload as AppNotice);
  });
  client.rendererReady();
});

afterEach(async () => {
  await core.close();
  intents.length = 0;
  notices.length = 0;
  rmSync(dir, { recursive: true, force: true });
});

describe('what the desktop shell hands the window', () => {
  it('imports a file the OS opened and asks the window to show its session', async () => {
    const har = join(dir, 'from chrome.har');
    copyFileSync(chromeHar, har);
    expect(await core.openFile(har)).toBe(true);
    const sessions = core.sessions.listSessions('', 10);
    expect(intents[0]).toEqual({
      kind: 'open-session',
      sessionId: sessions.at(-1)?.id,
      name: expect.any(String),
    });
  });

  it('says why a file is not a session, and writes nothing', async () => {
    const notSession = join(dir, 'notes.json');
    writeFileSync(notSession, '{"hello": "world"}');
    expect(await core.openFile(notSession)).toBe(false);
    expect(await core.openFile(join(dir, 'missing.har'))).toBe(false);
    expect(core.sessions.listSessions('', 10)).toEqual([]);
    expect(intents).toEqual([]);
    expect(notices.map((notice) => notice.message)).toEqual([
      expect.stringMatching(/^Could not open notes\.json: /),
      expect.stringMatching(/^Could not open missing\.har: /),
    ]);
  });

  it('fills the request bar from a link, and never connects', () => {
    core.openLink('sse-inspector://connect?url=http%3A%2F%2F127.0.0.1%3A1%2Fs&method=POST');
    expect(intents).toEqual([
      { kind: 'fill-request', url: 'http://127.0.0.1:1/s', method: 'POST' },
    ]);
    expect(core.listConnections()).toEqual([]);
    core.openLink('sse-inspector://delete?all=1');
    expect(notices.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('"delete"'),
    });
  });

  it('passes menu commands to the window', () => {
    core.runCommand('export');
    expect(intents).toEqual([{ kind: 'command', command: 'export' }]);
  });
});
