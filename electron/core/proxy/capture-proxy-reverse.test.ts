import { readFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { constants, createGzip } from 'node:zlib';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../shared/capture/records.ts';
import {
  gate,
  rawRequest,
  startOrigin,
  startProxy,
  until,
  type Origin,
  type ProxyHarness,
} from './proxy-test-kit.ts';

const openaiStream = readFileSync(
  new URL('../../../tests/fixtures/samples/openai-chat-completions.sse', import.meta.url),
);
const ollamaChat = readFileSync(
  new URL('../../../tests/fixtures/samples/ollama-chat.ndjson', import.meta.url),
);
const SECRET = 'sk-proxy-test-0123456789abcdef';

let origin: Origin | null = null;
let harness: ProxyHarness | null = null;
afterEach(async () => {
  await harness?.proxy.stop();
  await origin?.close();
  harness = null;
  origin = null;
});

/** Splits the sample into uneven pieces, as a network would deliver it. */
function pieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('capture proxy, reverse (base URL) mode', () => {
  it('streams an OpenAI SDK chat completion through unchanged and records it as a proxy session', async () => {
    const seen: Array<{ method: string; url: string; host: string; auth: string; body: string }> =
      [];
    origin = await startOrigin((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          host: req.headers.host ?? '',
          auth: req.headers.authorization ?? '',
          body,
        });
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'X-Request-Id': 'req_1' });
        for (const piece of pieces(openaiStream, 333)) res.write(piece);
        res.end();
      });
    });
    harness = await startProxy({ target: origin.url });
    const client = new OpenAI({ baseURL: `${harness.proxy.url}/v1`, apiKey: SECRET });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';

    expect(text.length).toBeGreaterThan(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/v1/chat/completions',
      host: new URL(origin.url).host,
      auth: `Bearer ${SECRET}`,
    });
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ model: 'gpt-4o-mini', stream: true });

    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({
      method: 'POST',
      url: `${origin.url}/v1/chat/completions`,
      status: 200,
      stream: true,
      bytes: openaiStream.length,
      outcome: 'completed',
    });
    const session = harness.store.session(recorded.session);
    expect(session.start.origin).toBe('proxy');
    expect(session.start.spec.body).toBe(seen[0]!.body);
    const records = session.records;
    expect(records[0]?.kind).toBe('attempt');
    expect(records[1]?.kind).toBe('response');
    expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'server-closed' });
    const events = records.filter((r): r is EventRecord => r.kind === 'event');
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(recorded.events).toBe(events.length);
    const deltas = events
      .slice(0, -1)
      .map((e) => JSON.parse(e.data) as { choices: Array<{ delta: { content?: string } }> })
      .map((e) => e.choices[0]?.delta.content ?? '')
      .join('');
    expect(deltas).toBe(text);
    // The API key went upstream, and is stored as a marker only.
    expect(
      JSON.stringify(session, (_k, v: unknown) => (v instanceof Uint8Array ? '' : v)),
    ).not.toContain(SECRET);
    const attempt = records[0]!;
    expect(attempt.kind === 'attempt' && attempt.request.headers).toContainEqual([
      expect.stringMatching(/^authorization$/i),
      'Bearer [REDACTED]',
    ]);
  });

  it('hands each event to the client while the origin is still sending, byte for byte', async () => {
    const more = gate();
    const first = 'retry: 1000\nid: 1\ndata: first\n\n';
    const rest = [': keep-alive\n\n', 'id: 2\ndata: sec', 'ond\n\n', 'data: third\n\n'];
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      res.write(first);
      void more.promise.then(async () => {
        for (const piece of rest) {
          await new Promise<void>((resolve) => res.write(piece, () => resolve()));
        }
        res.end();
      });
    });
    harness = await startProxy({ target: origin.url, recordAll: true });
    const received: Buffer[] = [];
    const firstArrived = gate();
    const done = gate<{ status: number; type: string | undefined }>();
    request(`${harness.proxy.url}/events?topic=a`, (res) => {
      res.on('data', (chunk: Buffer) => {
        received.push(chunk);
        if (Buffer.concat(received).toString() === first) firstArrived.open();
      });
      res.on('end', () =>
        done.open({ status: res.statusCode ?? 0, type: res.headers['content-type'] }),
      );
    }).end();

    await firstArrived.promise;
    // The origin has sent only the first event: the client has it, and so does the workspace.
    await harness.until((r) => r.kind === 'event' && r.data === 'first');
    more.open();
    expect(await done.promise).toEqual({ status: 200, type: 'text/event-stream; charset=utf-8' });
    expect(Buffer.concat(received).toString()).toBe(first + rest.join(''));

    const recorded = await harness.nextRecorded();
    const kinds = harness.records(recorded.session).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['retry', 'comment', 'event', 'chunk']));
    const events = harness
      .records(recorded.session)
      .filter((r): r is EventRecord => r.kind === 'event')
      .map((e) => [e.lastEventId, e.data]);
    expect(events).toEqual([
      ['1', 'first'],
      ['2', 'second'],
      ['2', 'third'],
    ]);
  });

  it('pauses reading upstream while the client does not read, and loses nothing', async () => {
    // One 64 KiB event per piece: enough bytes to fill the sockets, few records to keep.
    const piece = Buffer.from(`data: ${'x'.repeat(64 * 1024 - 8)}\n\n`);
    const total = 32 * 1024 * 1024;
    let originWaiting = false;
    let written = 0;
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // write() is false as soon as the socket holds more than its high-water mark.
      const pump = (): void => {
        while (written < total) {
          written += piece.length;
          if (!res.write(piece)) {
            originWaiting = true;
            res.once('drain', () => {
              originWaiting = false;
              pump();
            });
            return;
          }
        }
        res.end();
      };
      pump();
    });
    harness = await startProxy({ target: origin.url });
    let received = 0;
    const ended = gate();
    const clientRes = gate<IncomingMessage>();
    request(`${harness.proxy.url}/flood`, (res) => {
      res.pause();
      clientRes.open(res);
    }).end();
    const res = await clientRes.promise;
    const proxy = harness.proxy;
    await until(() => proxy.pausedUpstreams === 1 && originWaiting);
    // Paused: the proxy stopped reading, so the origin cannot write more than its socket holds.
    const writtenWhilePaused = written;
    expect(writtenWhilePaused).toBeLessThan(total);
    res.on('data', (chunk: Buffer) => (received += chunk.length));
    res.on('end', () => ended.open());
    res.resume();
    await ended.promise;
    expect(received).toBe(written);
    expect(proxy.pausedUpstreams).toBe(0);
    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({ bytes: written, events: written / piece.length });
  });

  it('passes an upstream reset on to the client as a reset, and records the error', async () => {
    const cut = gate();
    origin = await startOrigin((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: before the reset\n\n');
      void cut.promise.then(() => req.socket.resetAndDestroy());
    });
    harness = await startProxy({ target: origin.url });
    const outcome = gate<string>();
    const req = request(`${harness.proxy.url}/stream`, (res) => {
      res.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('before the reset')) cut.open();
      });
      res.on('error', (error: NodeJS.ErrnoException) => outcome.open(error.code ?? error.message));
      res.on('end', () => outcome.open('ended normally'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => outcome.open(error.code ?? error.message));
    req.end();
    expect(await outcome.promise).toBe('ECONNRESET');
    const recorded = await harness.nextRecorded();
    expect(recorded.outcome).toBe('failed');
    expect(harness.records(recorded.session)).toContainEqual(
      expect.objectContaining({ kind: 'error', category: 'reset' }),
    );
    expect(harness.records(recorded.session)).toContainEqual(
      expect.objectContaining({ kind: 'event', data: 'before the reset' }),
    );
  });

  it('forwards a gzip body untouched and records the decoded events', async () => {
    const sent: Buffer[] = [];
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      const gzip = createGzip({ flush: constants.Z_SYNC_FLUSH });
      gzip.on('data', (chunk: Buffer) => {
        sent.push(chunk);
        res.write(chunk);
      });
      gzip.on('end', () => res.end());
      for (let i = 0; i < 5; i++) gzip.write(`id: ${i}\ndata: zipped ${i}\n\n`);
      gzip.end();
    });
    harness = await startProxy({ target: origin.url });
    const response = await rawRequest(`${harness.proxy.url}/gz`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body.equals(Buffer.concat(sent))).toBe(true);
    const recorded = await harness.nextRecorded();
    expect(recorded.bytes).toBe(response.body.length);
    const data = harness
      .records(recorded.session)
      .filter((r): r is EventRecord => r.kind === 'event')
      .map((e) => e.data);
    expect(data).toEqual([0, 1, 2, 3, 4].map((i) => `zipped ${i}`));
  });

  it('records an NDJSON stream (Ollama /api/chat) and a JSON text sequence as streams, one event per value', async () => {
    origin = await startOrigin((req, res) => {
      if (req.url === '/api/chat') {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        for (const piece of pieces(ollamaChat, 57)) res.write(piece);
      } else {
        res.writeHead(200, { 'content-type': 'application/json-seq' });
        res.write('\x1e{"n":1}\n\x1e{"n":2}\n');
      }
      res.end();
    });
    harness = await startProxy({ target: origin.url });

    const chat = await fetch(`${harness.proxy.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2', messages: [], stream: true }),
    });
    expect(Buffer.from(await chat.arrayBuffer()).equals(ollamaChat)).toBe(true);
    const recorded = await harness.nextRecorded();
    const lines = ollamaChat
      .toString()
      .split('\n')
      .filter((line) => line !== '');
    expect(recorded).toMatchObject({ stream: true, events: lines.length, outcome: 'completed' });
    const response = harness.records(recorded.session).find((r) => r.kind === 'response');
    expect(response).toMatchObject({ framing: 'ndjson' });
    const data = harness
      .records(recorded.session)
      .filter((r): r is EventRecord => r.kind === 'event')
      .map((e) => e.data);
    expect(data).toEqual(lines);

    await (await fetch(`${harness.proxy.url}/seq`)).arrayBuffer();
    const seq = await harness.nextRecorded();
    expect(seq).toMatchObject({ stream: true, events: 2 });
  });

  it('records only the metadata of other responses with --all, and nothing without it', async () => {
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    harness = await startProxy({ target: origin.url });
    expect((await rawRequest(`${harness.proxy.url}/plain`)).body.toString()).toBe('{"ok":true}');
    expect(harness.store.sessions.size).toBe(0);
    await harness.proxy.stop();

    harness = await startProxy({ target: origin.url, recordAll: true });
    await rawRequest(`${harness.proxy.url}/plain`);
    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({ stream: false, status: 200, bytes: 11, events: 0 });
    expect(recorded.contentType).toBe('application/json');
    expect(harness.records(recorded.session).map((r) => r.kind)).toEqual([
      'attempt',
      'response',
      'closed',
    ]);
  });
});
