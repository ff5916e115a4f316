import type { RequestSpec } from '../../shared/capture/request-spec.ts';
import { isSecretHeader } from './files/index.ts';

/**
 * Encrypts secrets at rest with the operating system's key store (Electron's safeStorage in the
 * desktop app). Where none is available (the web host, the CLI) secrets are stored as typed.
 */
export interface SecretBox {
  encrypt(text: string): string;
  decrypt(sealed: string): string;
}

const sealedPrefix = 'sse-inspector-sealed:v1:';

/** The spec with every secret header value sealed (Authorization, cookies, API keys…). */
export function sealSecrets(spec: RequestSpec, box: SecretBox | null): RequestSpec {
  if (!box) return spec;
  return {
    ...spec,
    headers: spec.headers.map(([name, value]) =>
      isSecretHeader(name) && !value.startsWith(sealedPrefix)
        ? [name, sealedPrefix + box.encrypt(value)]
        : [name, value],
    ),
  };
}

/**
 * The spec with sealed values opened again. A value that cannot be opened (another machine's
 * key, a reset key store) becomes empty, and its header name is reported so the UI can say so.
 */
export function openSecrets(
  spec: RequestSpec,
  box: SecretBox | null,
): { spec: RequestSpec; unreadable: string[] } {
  const unreadable: string[] = [];
  const headers = spec.headers.map(([name, value]): [string, string] => {
    if (!value.startsWith(sealedPrefix)) return [name, value];
    try {
      if (!box) throw new Error('no key store');
      return [name, box.decrypt(value.slice(sealedPrefix.length))];
    } catch {
      unreadable.push(name);
      return [name, ''];
    }
  });
  return { spec: { ...spec, headers }, unreadable };
}
