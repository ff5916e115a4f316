import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWithIo } from './cli-test-kit.ts';
import { runFromCurlCommand } from './from-curl-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'sse-from-curl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = join(import.meta.dirname, '../../../tests/fixtures/pasted-requests');

describe('cli from-curl', () => {
  it('prints one JSON object, keys in the documented order, from standard input', async () => {
    const { code, stdout, stderr } = await runWithIo(
      runFromCurlCommand,
      [],
      ['curl https://x/v1 -u ada:pw --json \'{"a":1}\' -k --proxy p:3128 -F f=@x'],
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      '{"method":"POST","url":"https://x/v1","headers":[["Authorization","Basic YWRhOnB3"],' +
        '["Content-Type","application/json"],["Accept","application/json"]],"body":"{\\"a\\":1}",' +
        '"insecure":true,"proxy":"http://p:3128","unsupported":["-F (multipart form data)"]}\n',
    );
  });

  it('reads a file, or - for standard input, in several chunks', async () => {
    const file = join(fixtures, 'anthropic-messages-stream.txt');
    const fromFile = await runWithIo(runFromCurlCommand, [file]);
    const fromStdin = await runWithIo(
      runFromCurlCommand,
      ['-'],
      readFileSync(file, 'utf8').match(/[\s\S]{1,40}/g)!,
    );
    expect(fromFile.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({
      method: 'POST',
      url: 'https://api.anthropic.com/v1/messages',
      headers: [
        ['anthropic-version', '2023-06-01'],
        ['content-type', 'application/json'],
        ['x-api-key', '{{ANTHROPIC_API_KEY}}'],
      ],
    });
  });

  it('reads a fetch snippet too', async () => {
    const { code, stdout } = await runWithIo(runFromCurlCommand, [
      join(fixtures, 'chrome-fetch-node.txt'),
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ method: 'GET', body: null });
  });

  it.each([
    [['-'], ['GET https://x/ HTTP/1.1'], 'Not a curl command or fetch snippet'],
    [['-'], [''], 'Not a curl command or fetch snippet'],
    [['-'], ['curl -s'], 'The curl command has no URL'],
    [[join(dir, 'missing.txt')], [], 'no such file'],
    [['a', 'b'], [], 'unexpected argument "b"'],
  ])('exits 2 with one line on stderr for %j', async (args, stdin, message) => {
    const { code, stdout, stderr } = await runWithIo(runFromCurlCommand, args, stdin);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^sse-inspector from-curl: /);
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('never quotes the input back in an error line (it may hold a credential)', async () => {
    const file = join(dir, 'broken.js');
    writeFileSync(file, 'fetch("https://x", { headers: { authorization: token_abc123 } })');
    const { code, stderr } = await runWithIo(runFromCurlCommand, [file]);
    expect(code).toBe(2);
    expect(stderr).not.toContain('token_abc123');
    expect(stderr).toContain('line 1, column');
  });
});
