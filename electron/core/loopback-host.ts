/** How a browser names a listener on 127.0.0.1:PORT in Host (and, with http://, in Origin). */
export function loopbackAuthorities(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * Whether a request's Host header names our loopback listener. A page that rebinds its own DNS
 * name to 127.0.0.1 (DNS rebinding) reaches the listener with its own name in Host, so anything
 * else is refused by the web host and the replay server alike.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && loopbackAuthorities(port).includes(host.toLowerCase());
}
