import type { AppInfo, HostKind, PushPayloads } from '../../shared/ipc/api.ts';
import type { PushName } from '../../shared/ipc/channels.ts';
import { ClientSession, type PushTransport } from './api/client-session.ts';

export interface InspectorCoreOptions {
  host: HostKind;
  version: string;
  workspacePath: string;
}

/**
 * The main-process core shared by the desktop app, the web host and the CLI. It owns the
 * connections and the workspace; renderers attach as client sessions and receive pushes.
 * No `electron` import here: everything is testable under plain Node.
 */
export class InspectorCore {
  readonly #options: InspectorCoreOptions;
  readonly #clients = new Set<ClientSession>();

  constructor(options: InspectorCoreOptions) {
    this.#options = options;
  }

  attachClient(transport: PushTransport): ClientSession {
    const client = new ClientSession(transport);
    this.#clients.add(client);
    return client;
  }

  detachClient(client: ClientSession): void {
    this.#clients.delete(client);
  }

  broadcast<P extends PushName>(name: P, payload: PushPayloads[P]): void {
    for (const client of this.#clients) client.push(name, payload);
  }

  getAppInfo(): AppInfo {
    return {
      name: 'SSE Inspector',
      version: this.#options.version,
      host: this.#options.host,
      platform: process.platform,
      workspacePath: this.#options.workspacePath,
    };
  }

  async close(): Promise<void> {
    this.#clients.clear();
  }
}
