import type { Socket } from 'node:net';

/** The upstream connection reached the proxy's own listener: forwarding would never end. */
export class ProxyLoopError extends Error {
  constructor() {
    super('this request would loop back to the proxy');
    this.name = 'ProxyLoopError';
  }
}

/** Where the proxy listens (`127.0.0.1`, its port). */
export interface ListenAddress {
  address: string;
  port: number;
}

/**
 * Whether an upstream socket is connected to the proxy's own listener. Checked on the open
 * socket rather than on the URL: `localhost`, `0.0.0.0`, `127.1` or any name that resolves to
 * 127.0.0.1 all reach it, and each forwarded request would come back as a new one.
 */
export function reachesListener(socket: Socket, listening: ListenAddress): boolean {
  const address = socket.remoteAddress?.replace(/^::ffff:/i, '');
  return address === listening.address && socket.remotePort === listening.port;
}
