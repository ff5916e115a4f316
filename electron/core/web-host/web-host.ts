import { randomBytes } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { pageSecurityHeaders } from '../../../shared/csp.ts';
import { redactText } from '../../../shared/secrets/index.ts';
import { dispatchApiCall, isRefusal } from '../api/api-dispatcher.ts';
import type { InspectorCore } from '../inspector-core.ts';
import { checkAccess, tokenCookieName } from './access-check.ts';
import { ClientOutbox, defaultMaxBufferedBytes, type OutboxStats } from './client-outbox.ts';
import { readStaticFile } from './static-files.ts';
import { parseClientMessage } from './web-protocol.ts';

export interface WebHostOptions {
  core: InspectorCore;
  /** Folder of the built renderer (`dist/renderer`). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Where refused requests and internal errors are reported (default: standard error). */
  log?: (message: string) => void;
  /** What may wait to be sent to one tab before live frames give way to a resync. */
  maxBufferedBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Each connected tab's outbox: what waits to be sent, what was left out. */
  clientStats(): OutboxStats[];
  close(): Promise<void>;
}

/** Sent with every HTTP response, refusals and downloads included. */
const securityHeaders = {
  ...pageSecurityHeaders,
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** A request's path for the log: never its query, which may carry the access token. */
function loggedPath(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0] ?? '';
}

/**
 * Serves the built renderer and the inspector API to a browser on 127.0.0.1: the same core the
 * desktop app uses, reached over a WebSocket instead of Electron IPC.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  // A rejected call's message may quote a URL or a credential: logged without secrets.
  const write = options.log ?? ((message: string) => console.warn(message));
  const log = (message: string): void => write(redactText(message));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 * 1024 });
  const outboxes = new Map<WebSocket, ClientOutbox>();
  let port = 0;
  /** Exported files waiting to be downloaded, by an unguessable id (each served once). */
  const downloads = new Map<string, { path: string; fileName: string }>();
  options.core.sessions.setExportHost({
    publishDownload: (path, fileName) => {
      const id = randomBytes(16).toString('base64url');
      downloads.set(id, { path, fileName });
      return `/downloads/${id}`;
    },
  });

  const refuse = (req: IncomingMessage, status: number, reason: string): void => {
    log(`web host refused ${req.method ?? 'GET'} ${loggedPath(req)}: ${status} ${reason}`);
  };

  const server: Server = createServer((req, res) => {
    void handleHttp(req, res);
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const access = checkAccess(req, port, token);
    if (!access.allowed) {
      refuse(req, access.status, access.reason);
      res.writeHead(access.status, {
        'Content-Type': 'text/plain; charset=utf-8',
        ...securityHeaders,
      });
      res.end(
        access.status === 401
          ? 'Unauthorized: open the URL the web host printed.\n'
          : 'Forbidden\n',
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...securityHeaders }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/downloads/')) {
      serveDownload(path.slice('/downloads/'.length), res);
      return;
    }
    const file = await readStaticFile(rendererDir, path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
      res.end('Not found\n');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      ...securityHeaders,
    };
    if (access.viaQuery) {
      headers['Set-Cookie'] =
        `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function serveDownload(id: string, res: ServerResponse): void {
    const download = downloads.get(id);
    if (!download) {
      res
        .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders })
        .end('Not found\n');
      return;
    }
    downloads.delete(id);
    const encoded = encodeURIComponent(download.fileName);
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${download.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encoded}`,
      ...securityHeaders,
    });
    const stream = createReadStream(download.path);
    stream.on('error', () => res.destroy());
    stream.on('close', () => rmSync(download.path, { force: true }));
    stream.pipe(res);
  }

  server.on('upgrade', (req, socket, head) => {
    const access = checkAccess(req, port, token);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!access.allowed || path !== '/api') {
      const status = access.allowed ? 404 : access.status;
      refuse(req, status, access.allowed ? 'unknown WebSocket path' : access.reason);
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveApi(ws));
  });

  function serveApi(ws: WebSocket): void {
    const outbox = new ClientOutbox(ws, options.maxBufferedBytes ?? defaultMaxBufferedBytes);
    outboxes.set(ws, outbox);
    const client = options.core.attachClient((name, payload) => outbox.push(name, payload));
    const api = options.core.apiFor(client);
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? null : parseClientMessage(data.toString());
      if (!message) {
        log('web host dropped a malformed API message');
        return;
      }
      void dispatchApiCall(api, message.method, message.args, log).then((reply) => {
        if (isRefusal(reply)) log(`web host rejected ${message.method}: ${reply.error.message}`);
        outbox.result({ type: 'result', id: message.id, ...reply });
      });
    });
    ws.on('close', () => {
      options.core.detachClient(client);
      outboxes.delete(ws);
    });
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    clientStats: () => [...outboxes.values()].map((outbox) => outbox.stats()),
    async close() {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
