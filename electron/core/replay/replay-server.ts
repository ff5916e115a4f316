import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkCorsOrigin } from '../../../shared/cors-origin.ts';
import { errorMessage, InspectorError } from '../../../shared/errors.ts';
import { importSessionFile } from '../files/import-session.ts';
import { attemptChunks } from '../files/session-pages.ts';
import type { SessionDetail } from '../workspace/types.ts';
import { Workspace } from '../workspace/workspace.ts';
import { isLoopbackHost } from '../loopback-host.ts';
import { corsHeaders, preflightHeaders } from './replay-cors.ts';
import { defaultAttempt, planReplay } from './replay-plan.ts';

export interface ReplayServerOptions {
  /** Serve a stored session: the workspace and the session id… */
  workspace?: Workspace;
  sessionId?: number;
  /** …or a file (session file, HAR or raw capture), imported into a throwaway workspace. */
  file?: string;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Time factor: 2 plays twice as fast; 0 or Infinity sends everything at once (default 1). */
  speed?: number;
  /** Start the body again when it ends, instead of ending the response. */
  loop?: boolean;
  /** The attempt served to a client without Last-Event-ID (default: the first with a response). */
  attempt?: number | null;
  /**
   * The origin pages may read the replay from with CORS (`*` for any), as checked by
   * shared/cors-origin.ts; null or absent: no CORS headers at all.
   */
  cors?: string | null;
  /** Where refused requests are reported (default: standard error). */
  log?: (message: string) => void;
}

export interface ReplayServer {
  /** `http://127.0.0.1:PORT/` (any path serves the session). */
  url: string;
  port: number;
  sessionId: number;
  /** The origin allowed with CORS, null when CORS is off. */
  cors: string | null;
  /** Stops listening, ends open responses and closes the throwaway workspace of a file. */
  close(): Promise<void>;
}

interface Served {
  workspace: Workspace;
  session: SessionDetail;
  owned: boolean;
}

async function loadSession(options: ReplayServerOptions): Promise<Served> {
  if (options.file !== undefined) {
    const workspace = Workspace.open(':memory:');
    try {
      const result = await importSessionFile(workspace, options.file);
      const id = result.sessions[0]!.sessionId;
      return { workspace, session: workspace.getSession(id)!, owned: true };
    } catch (error) {
      workspace.close();
      throw error;
    }
  }
  if (options.workspace === undefined || options.sessionId === undefined) {
    throw new Error('startReplayServer needs a file, or a workspace and a session id.');
  }
  const session = options.workspace.getSession(options.sessionId);
  if (session === null) {
    throw new InspectorError(
      'not-found',
      `There is no session ${options.sessionId} in the workspace.`,
    );
  }
  return { workspace: options.workspace, session, owned: false };
}

/** The CORS origin as browsers write it; throws the check's message for anything else. */
function allowedOrigin(cors: string | null): string | null {
  if (cors === null) return null;
  const check = checkCorsOrigin(cors);
  if (!check.ok) throw new Error(check.message);
  return check.origin;
}

/** Resolves once the response can take more (or the client went away). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Serves one recorded session as an SSE endpoint on 127.0.0.1 with its original chunking and
 * timing: each chunk is written at its recorded offset from the response (divided by `speed`),
 * as one write. A client's Last-Event-ID resumes after that event (see replay-plan.ts), so an
 * EventSource that reconnects continues the recording instead of starting over; once nothing is
 * left, 204 tells it to stop. Only requests that name the listener in Host are served (DNS
 * rebinding); pages on other origins may read it only when started with `cors`.
 */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const speed = options.speed ?? 1;
  if (!(speed >= 0)) throw new Error(`The replay speed must be 0 or more, not ${speed}.`);
  const instant = speed === 0 || speed === Infinity;
  const loop = options.loop ?? false;
  const attempt = options.attempt ?? null;
  const cors = allowedOrigin(options.cors ?? null);
  const log = options.log ?? ((message: string) => console.warn(message));
  const { workspace, session, owned } = await loadSession(options);
  try {
    // Fails now (not at the first request) for a wrong --attempt.
    defaultAttempt(session, attempt);
  } catch (error) {
    if (owned) workspace.close();
    throw error;
  }
  const sockets = new Set<Socket>();
  const closing = new AbortController();

  const stream = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const header = req.headers['last-event-id'];
    const plan = planReplay(workspace, session, {
      attempt,
      lastEventId: typeof header === 'string' ? header : null,
      loop,
    });
    if (plan.kind === 'done') {
      res.writeHead(204, corsHeaders(cors)).end();
      return;
    }
    res.writeHead(plan.status, plan.statusText, { ...plan.headers, ...corsHeaders(cors) });
    res.flushHeaders();
    let gone = false;
    res.on('close', () => (gone = true));
    let fromOffset = plan.fromOffset;
    do {
      const startedAt = performance.now();
      // Times count from the response (from the resumed chunk when resuming mid-body).
      let baseT: number | null = fromOffset === 0 ? plan.attempt.responseT : null;
      for (const chunk of attemptChunks(workspace, session.id, plan.attempt.attempt, fromOffset)) {
        if (gone || closing.signal.aborted) return;
        baseT ??= chunk.t;
        const delay = instant ? 0 : (chunk.t - baseT) / speed - (performance.now() - startedAt);
        if (delay > 1) {
          try {
            await sleep(delay, undefined, { signal: closing.signal });
          } catch {
            return;
          }
          if (gone) return;
        }
        const skip = Math.max(0, fromOffset - chunk.offset);
        const bytes = skip > 0 ? chunk.bytes.subarray(skip) : chunk.bytes;
        if (bytes.byteLength > 0 && !res.write(bytes)) await drained(res);
      }
      fromOffset = 0;
      // Yield between loops so an empty body cannot spin.
      if (loop) await sleep(instant ? 1 : 10);
    } while (loop && !gone && !closing.signal.aborted);
    res.end();
  };

  let port = 0;
  const server = createServer((req, res) => {
    // The request body (a recorded POST) is read and ignored.
    req.resume();
    if (!isLoopbackHost(req.headers.host, port)) {
      log(`replay refused ${req.method ?? 'GET'}: 403 Host header "${req.headers.host ?? ''}"`);
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Forbidden: ask for 127.0.0.1:${port} or localhost:${port}.\n`);
      return;
    }
    if (req.method === 'OPTIONS') {
      const requested = req.headers['access-control-request-headers'];
      res.writeHead(204, preflightHeaders(cors, requested)).end();
      return;
    }
    stream(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain', ...corsHeaders(cors) });
        res.end(`${errorMessage(error)}\n`);
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    if (owned) workspace.close();
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    sessionId: session.id,
    cors,
    close: () => {
      closed ??= (async () => {
        closing.abort();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await stopped;
        if (owned) workspace.close();
      })();
      return closed;
    },
  };
}
