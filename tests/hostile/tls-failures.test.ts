// TLS handshakes that fail: each must end the attempt with a category and a message that says
// what is wrong with the certificate or the handshake, and the app must keep working.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCertificate } from '../fixtures/fixture-tls.ts';
import { closeOpenRigs, createRig } from './hostile-kit.ts';
import { hostileRoutes } from './hostile-routes.ts';
import { startHostileServer, startRawServer, type HostileServer } from './hostile-server.ts';

let plain: HostileServer;
let secure: HostileServer;
let hangUp: Awaited<ReturnType<typeof startRawServer>>;
let mute: Awaited<ReturnType<typeof startRawServer>>;
/** Node's own HTTP server: it answers a TLS ClientHello with `400 Bad Request`. */
let http: Server;

beforeAll(async () => {
  plain = await startHostileServer(hostileRoutes);
  secure = await startHostileServer(hostileRoutes, { tls: await fixtureCertificate() });
  // Reads the ClientHello, then closes without a word.
  hangUp = await startRawServer((socket) => socket.once('data', () => socket.destroy()));
  // Accepts TCP and never says a word: the handshake never completes.
  mute = await startRawServer((socket) => socket.resume());
  http = createServer((_req, res) => res.end());
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
});
afterEach(closeOpenRigs);
afterAll(async () => {
  await plain.close();
  await secure.close();
  await hangUp.close();
  await mute.close();
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

describe('TLS handshake failures', () => {
  it("refuses a self-signed certificate with 'tls', naming the problem; --insecure reads it", async () => {
    const rig = createRig();
    const id = rig.connect(`${secure.url}/normal`);
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'failed', bytes: 0 });
    expect(status.error?.category).toBe('tls');
    expect(status.error?.message).toMatch(/self[- ]signed certificate/);
    expect(status.error?.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    const insecure = rig.connect(`${secure.url}/normal`, { tls: { insecure: true } });
    expect(await rig.finished(insecure)).toMatchObject({ state: 'closed', events: 3 });
    await rig.expectStillWorks(`${plain.url}/normal`);
    await rig.close();
  });

  it("reports a server speaking plain HTTP on an https URL as 'tls'", async () => {
    const rig = createRig();
    const { port } = http.address() as AddressInfo;
    const id = rig.connect(`https://127.0.0.1:${port}/normal`);
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'failed', bytes: 0 });
    expect(status.error?.category).toBe('tls');
    expect(status.error?.message).toMatch(/wrong version number|packet length too long/);
    await rig.expectStillWorks(`${plain.url}/normal`);
    await rig.close();
  });

  it("reports a server that closes during the handshake as 'reset', naming the handshake", async () => {
    const rig = createRig();
    const id = rig.connect(`https://127.0.0.1:${hangUp.port}/normal`);
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'failed', bytes: 0 });
    // The connection was reset (ECONNRESET); the message says it happened in the handshake.
    expect(status.error?.category).toBe('reset');
    expect(status.error?.message).toMatch(/before secure TLS connection was established/);
    await rig.expectStillWorks(`${plain.url}/normal`);
    await rig.close();
  });

  it("fails a handshake the server never answers with 'timeout' (connect timeout)", async () => {
    const rig = createRig();
    const id = rig.connect(`https://127.0.0.1:${mute.port}/normal`, { connectTimeoutMs: 300 });
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'failed', bytes: 0 });
    expect(status.error?.category).toBe('timeout');
    expect(status.error?.message).toMatch(/timeout/i);
    await rig.expectStillWorks(`${plain.url}/normal`);
    await rig.close();
  });
});
