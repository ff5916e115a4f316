import { rootCertificates } from 'node:tls';
import type { Socket } from 'node:net';
import { Agent, buildConnector, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import { proxyAuthorization } from './outgoing-request.ts';

/**
 * The undici dispatcher for one attempt (all its redirect hops), built from the request's TLS,
 * proxy and timeout options. A fresh one per attempt keeps requests independent (TLS options are
 * per request, never global) and makes every reconnect a new connection, as the inspector wants
 * to show; it is destroyed when the attempt ends.
 */
export interface AttemptDispatcher {
  dispatcher: Dispatcher;
  /** Cuts every socket this attempt opened (a direct connection's; with a proxy, none). */
  destroySockets(): void;
  /**
   * The last error a socket of this attempt reported (a direct connection's; with a proxy,
   * null). Undici reports a reset that ends a close-delimited body as a normal end (it cannot
   * tell it from a complete body on some platforms); this tells them apart.
   */
  socketError(): Error | null;
  dispose(): void;
}

export interface AttemptDispatcherOptions {
  /**
   * Looks at each direct connection once it is open, before any request is written on it: an
   * error refuses it (the socket is destroyed and the request fails with that error). The
   * capture proxy uses it to refuse a connection to itself, whatever name reached it.
   */
  checkSocket?: (socket: Socket) => Error | null;
}

export function createAttemptDispatcher(
  spec: RequestSpec,
  options: AttemptDispatcherOptions = {},
): AttemptDispatcher {
  // An extra CA is trusted in addition to the system roots, not instead of them.
  const tls = {
    rejectUnauthorized: !spec.tls.insecure,
    ...(spec.tls.caPem === null ? {} : { ca: [...rootCertificates, spec.tls.caPem] }),
  };
  const sockets = new Set<Socket>();
  let socketError: Error | null = null;
  const connector = buildConnector({ ...tls, allowH2: true, timeout: spec.connectTimeoutMs });
  // Wrapping the connector is the one way to reach the socket, for "drop connection".
  const connect: buildConnector.connector = (connectOptions, callback) => {
    connector(connectOptions, (error, socket) => {
      const refused = socket && error === null ? (options.checkSocket?.(socket) ?? null) : null;
      if (socket && refused !== null) {
        socket.destroy();
        callback(refused, null);
        return;
      }
      if (socket) {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
        // Registered before undici's own listener, so it is known when undici ends the body.
        socket.on('error', (error: Error) => {
          socketError = error;
        });
      }
      if (error === null) callback(null, socket as Socket);
      else callback(error, null);
    });
  };
  // A user's Proxy-Authorization goes to the proxy only (in its CONNECT or proxied request);
  // buildOutgoingRequest keeps it out of the origin's headers.
  const token = proxyAuthorization(spec);
  const common = {
    allowH2: true,
    connectTimeout: spec.connectTimeoutMs,
    requestTls: tls,
    ...(token === null ? {} : { token }),
  };
  let dispatcher: Dispatcher;
  if (spec.proxy.mode === 'url' && spec.proxy.url !== null) {
    dispatcher = new ProxyAgent({ ...common, uri: spec.proxy.url });
  } else if (spec.proxy.mode === 'env') {
    // HTTP(S)_PROXY / NO_PROXY; with none set it is a plain Agent using our connector.
    dispatcher = new EnvHttpProxyAgent({ ...common, connect });
  } else {
    dispatcher = new Agent({ allowH2: true, connect });
  }
  return {
    dispatcher,
    destroySockets: () => {
      for (const socket of sockets) socket.destroy();
    },
    socketError: () => socketError,
    dispose: () => {
      dispatcher.destroy().catch(() => {});
    },
  };
}
