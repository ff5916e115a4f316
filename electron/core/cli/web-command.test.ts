import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runWebCommand } from './web-command.ts';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const parts: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => parts.push(chunk));
  return { stream, text: () => Buffer.concat(parts).toString('utf8') };
}

describe('web command', () => {
  it('prints its usage for --help and -h, starting nothing', async () => {
    for (const flag of ['--help', '-h']) {
      const stdout = sink();
      const stderr = sink();
      const code = await runWebCommand([flag, '--renderer', '/no/such/dir'], {
        stdin: new PassThrough(),
        stdout: stdout.stream,
        stderr: stderr.stream,
      });
      expect(code).toBe(0);
      expect(stdout.text()).toMatch(/^Usage: .* web \[options\]/);
      expect(stdout.text()).toContain('--port N');
      expect(stderr.text()).toBe('');
    }
  });

  it('names an unknown option on stderr and exits 2', async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await runWebCommand(['--bogus'], {
      stdin: new PassThrough(),
      stdout: stdout.stream,
      stderr: stderr.stream,
    });
    expect(code).toBe(2);
    expect(stderr.text()).toContain('unknown option "--bogus"');
    expect(stdout.text()).toBe('');
  });
});
