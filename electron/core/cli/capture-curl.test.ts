import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerValue } from '../../../tests/fixtures/sse-fixture-server.ts';
import { runCaptureCommand } from './capture-command.ts';
import { cliTestPlace, jsonLines, runWithIo } from './cli-test-kit.ts';
import { runFromCurlCommand } from './from-curl-command.ts';

const place = cliTestPlace('sse-capture-curl-');
let count = 0;

type Line = Record<string, unknown> & { kind: string };

/** Writes the command to a file and captures it with --curl FILE and the other arguments. */
async function captureCurl(command: string, ...args: string[]) {
  const n = count++;
  const file = join(place.dir, `request-${n}.sh`);
  writeFileSync(file, command);
  const result = await runWithIo(runCaptureCommand, [
    '--curl',
    file,
    '--max-attempts',
    '1',
    '--db',
    join(place.dir, `w${n}.db`),
    ...args,
  ]);
  return { ...result, lines: jsonLines<Line>(result.stdout) };
}

/** The request the fixture server got on `path` (each test uses its own). */
function received(path: string) {
  const request = place.server.requests().find((r) => r.url.startsWith(path));
  if (!request) throw new Error(`no request on ${path}`);
  return request;
}

const samples = join(import.meta.dirname, '../../../tests/fixtures/pasted-requests');

describe('cli capture --curl', () => {
  // The samples as pasted, only their host moved to the fixture server (its /echo replies with
  // the method, headers and body it got as events).
  it.each([
    ['chrome-bash.txt', 'https://api.example.com/v1/chat/stream'],
    ['chrome-cmd.txt', 'https://api.example.com/v1/chat/stream'],
    ['firefox-bash.txt', 'https://api.example.com/v1/chat/stream'],
    ['firefox-cmd.txt', 'https://api.example.com/v1/chat/stream'],
    ['chrome-fetch.txt', 'https://api.example.com/v1/chat/stream'],
    ['chrome-fetch-node.txt', 'https://stream.wikimedia.org/v2/stream/recentchange'],
    ['openai-chat-stream.txt', 'https://api.openai.com/v1/chat/completions'],
    ['anthropic-messages-stream.txt', 'https://api.anthropic.com/v1/messages'],
  ])('runs the %s sample', async (name, origin) => {
    place.server.clearRequests();
    const text = readFileSync(join(samples, name), 'utf8').replace(
      origin,
      `${place.server.url}/echo`,
    );
    const pasted = JSON.parse((await runWithIo(runFromCurlCommand, ['-'], [text])).stdout) as {
      method: string;
      body: string | null;
    };
    process.env.OPENAI_API_KEY = 'sk-from-env';
    process.env.ANTHROPIC_API_KEY = 'sk-ant-from-env';
    try {
      const { code, lines } = await captureCurl(text);
      expect(code).toBe(0);
      const events = lines.filter((l) => l.kind === 'event');
      expect(events.map((l) => l.data)).toEqual([
        pasted.method,
        expect.any(String),
        JSON.stringify(pasted.body ?? ''),
      ]);
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.ANTHROPIC_API_KEY;
    }
    const request = received('/echo');
    expect(request.method).toBe(pasted.method);
    if (name.startsWith('openai'))
      expect(headerValue(request, 'authorization')).toBe('Bearer sk-from-env');
    if (name.startsWith('anthropic'))
      expect(headerValue(request, 'x-api-key')).toBe('sk-ant-from-env');
  });

  it('sends the pasted request: method, headers, body; prints the events', async () => {
    const { code, lines, stderr } = await captureCurl(
      `curl '${place.server.url}/echo?t=1' \\\n  -H 'X-Token: abc' \\\n  -b 'a=1' \\\n  --data-raw $'{"it\\'s":1}' \\\n  --compressed -N`,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines.filter((l) => l.kind === 'event').map((l) => l.data)).toContain('POST');
    const request = received('/echo?t=1');
    expect(request.method).toBe('POST');
    expect(request.body).toBe('{"it\'s":1}');
    expect(headerValue(request, 'x-token')).toBe('abc');
    expect(headerValue(request, 'cookie')).toBe('a=1');
  });

  it('lets the other options win: URL, -X, -H of the same name, -d', async () => {
    const { code } = await captureCurl(
      `curl ${place.server.url}/echo?t=old -H 'X-Token: old' -H 'X-Keep: 1' -d old`,
      `${place.server.url}/echo?t=2`,
      '-X',
      'PUT',
      '-H',
      'x-token: new',
      '-d',
      'new',
    );
    expect(code).toBe(0);
    const request = received('/echo?t=2');
    expect(request.method).toBe('PUT');
    expect(request.body).toBe('new');
    expect(headerValue(request, 'x-token')).toBe('new');
    expect(headerValue(request, 'x-keep')).toBe('1');
    expect(place.server.requests().some((r) => r.url.includes('t=old'))).toBe(false);
  });

  it('takes $NAME from the environment, as the shell would', async () => {
    process.env.SSE_INSPECTOR_TEST_KEY = 'key-from-env';
    try {
      const { code } = await captureCurl(
        `curl ${place.server.url}/echo?t=3 -H "Authorization: Bearer $SSE_INSPECTOR_TEST_KEY"`,
      );
      expect(code).toBe(0);
    } finally {
      delete process.env.SSE_INSPECTOR_TEST_KEY;
    }
    expect(headerValue(received('/echo?t=3'), 'authorization')).toBe('Bearer key-from-env');
  });

  it('sends nothing when a $NAME is not set, and says which', async () => {
    const { code, lines, stderr } = await captureCurl(
      `curl ${place.server.url}/echo?t=4 -H "x-api-key: $SSE_INSPECTOR_UNSET_KEY"`,
    );
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toBe(
      'sse-inspector capture: --curl: $SSE_INSPECTOR_UNSET_KEY not set in the environment (nothing was sent)\n',
    );
    expect(place.server.requests().some((r) => r.url.startsWith('/echo?t=4'))).toBe(false);
  });

  it('says on stderr what the command asks for that is not done, and captures', async () => {
    const { code, stderr } = await captureCurl(
      `curl ${place.server.url}/drip?count=1&interval=0 -o out.txt --http2`.replace('&', '\\&'),
    );
    expect(code).toBe(0);
    expect(stderr).toBe(
      'sse-inspector capture: --curl: not done (unsupported): -o (saving to a file); --http2 (choosing the HTTP version)\n',
    );
  });

  it('refuses text that is not a curl command or fetch snippet', async () => {
    const { code, stderr } = await captureCurl('GET /events HTTP/1.1');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^sse-inspector capture: --curl: Not a curl command or fetch snippet/);
  });
});
