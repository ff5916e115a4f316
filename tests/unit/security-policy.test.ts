import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/csp.ts';

const root = new URL('../../', import.meta.url);

/** The `key: value` lines of one top-level block of electron-builder.yml. */
function yamlBlock(name: string): Map<string, string> {
  const lines = readFileSync(new URL('electron-builder.yml', root), 'utf8').split('\n');
  const start = lines.indexOf(`${name}:`);
  expect(start, `electron-builder.yml has a "${name}:" block`).toBeGreaterThanOrEqual(0);
  const block = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}(\w+):\s*(\S+)\s*$/.exec(line);
    if (!match) break;
    block.set(match[1] as string, match[2] as string);
  }
  return block;
}

describe('the packaged app', () => {
  it("flips Electron's fuses: no run-as-node, no inspector, encrypted cookies, verified asar", () => {
    expect(Object.fromEntries(yamlBlock('electronFuses'))).toMatchObject({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });
});

describe('the Content Security Policy', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name as string, values];
    }),
  );

  it('denies by default and allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('has no eval, no inline code and no remote source', () => {
    for (const [name, values] of directives) {
      for (const value of values) {
        expect(value, `${name} ${value}`).not.toMatch(/unsafe|^\*$|^https?:|^wss?:|^blob:/);
      }
    }
  });
});
