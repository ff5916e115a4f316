// The stream-format cases of the web-platform-tests `eventsource/` directory and the examples of
// WHATWG HTML §9.2 (server-sent events), run against SseParser byte for byte.
//
// WPT serves most of its streams from `resources/message.py`, whose body is
// `message + ("" if newline=none else "\n\n") + "\n"`; the helpers below build the same bytes.
// Where a WPT test needs a reconnection (the browser reconnects when the response ends), the
// reconnection is modelled like an EventSource does it: a new stream, a fresh parser, the event
// source's last event ID string and reconnection time carried over, and `Last-Event-ID` sent
// when that string is not empty. Each stream is also parsed in pushes of 1, 2, 3, 5 and 7 bytes
// and must give exactly the same outputs (events, offsets, warnings) as in one push.

import { describe, expect, it } from 'vitest';
import { SseParser } from '../../shared/sse/index.ts';
import type {
  SseEndSummary,
  SseOutput,
  SseParserOptions,
  SseRetryOutput,
} from '../../shared/sse/index.ts';

type Part = string | readonly number[];

interface Message {
  type: string;
  data: string;
  lastEventId: string;
}

interface StreamResult {
  outputs: SseOutput[];
  messages: Message[];
  retries: number[];
  summary: SseEndSummary;
}

const encoder = new TextEncoder();

/** Concatenates text (UTF-8 encoded) and raw byte parts. */
function bytesOf(...parts: Part[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The body `resources/message.py?message=…[&newline=none]` sends. */
function messagePy(message: Part | Part[], newline: 'default' | 'none' = 'default'): Uint8Array {
  const parts = Array.isArray(message) && typeof message[0] !== 'number' ? message : [message];
  return bytesOf(...(parts as Part[]), newline === 'none' ? '' : '\n\n', '\n');
}

function parsePushes(pushes: Uint8Array[], options: SseParserOptions): StreamResult {
  const outputs: SseOutput[] = [];
  const parser = new SseParser({ ...options, onOutput: (output) => outputs.push(output) });
  for (const push of pushes) parser.push(push);
  const summary = parser.end();
  return {
    outputs,
    messages: outputs.flatMap((o) =>
      o.kind === 'event' ? [{ type: o.type, data: o.data, lastEventId: o.lastEventId }] : [],
    ),
    retries: outputs.filter((o): o is SseRetryOutput => o.kind === 'retry').map((o) => o.ms),
    summary,
  };
}

/** Parses `body` in one push, checks every small push size gives the same, returns the result. */
function parse(body: Uint8Array, options: SseParserOptions = {}): StreamResult {
  const whole = parsePushes([body], options);
  for (const size of [1, 2, 3, 5, 7]) {
    const pushes: Uint8Array[] = [];
    for (let i = 0; i < body.length; i += size) pushes.push(body.subarray(i, i + size));
    const chunked = parsePushes(pushes, options);
    expect(chunked.outputs, `outputs with ${size}-byte pushes`).toEqual(whole.outputs);
    expect(chunked.summary, `summary with ${size}-byte pushes`).toEqual(whole.summary);
  }
  return whole;
}

const messagesOf = (body: Uint8Array): Message[] => parse(body).messages;
const dataOf = (body: Uint8Array): string[] => parse(body).messages.map((m) => m.data);

interface Connection {
  /** The `Last-Event-ID` request header, or null when it was not sent. */
  lastEventIdHeader: string | null;
  result: StreamResult;
}

/**
 * An event source making `count` connections to `server` (which answers with a body given the
 * `Last-Event-ID` header), carrying the last event ID string and reconnection time over.
 */
function eventSource(server: (lastEventIdHeader: string | null) => Uint8Array, count: number) {
  let lastEventId = '';
  let reconnectionTimeMs = 3000;
  const connections: Connection[] = [];
  for (let i = 0; i < count; i++) {
    const lastEventIdHeader = lastEventId === '' ? null : lastEventId;
    const result = parse(server(lastEventIdHeader), {
      initialLastEventId: lastEventId,
      initialReconnectionTimeMs: reconnectionTimeMs,
    });
    lastEventId = result.summary.lastEventId;
    reconnectionTimeMs = result.summary.reconnectionTimeMs;
    connections.push({ lastEventIdHeader, result });
  }
  return {
    connections,
    messages: connections.flatMap((c) => c.result.messages),
    lastEventId,
    reconnectionTimeMs,
  };
}

/** `resources/last-event-id.py[?idvalue=…]`: an id, then what Last-Event-ID said. */
function lastEventIdPy(idvalue: Part = '…') {
  return (header: string | null): Uint8Array =>
    header !== null
      ? bytesOf(`data: ${header}\n\n`)
      : bytesOf('id: ', idvalue, '\nretry: 200\ndata: hello\n\n');
}

const message = (data: string, lastEventId = '', type = 'message'): Message => ({
  type,
  data,
  lastEventId,
});

describe('web-platform-tests eventsource/ stream format', () => {
  it('eventsource-onmessage.any.js (and -trusted, -eventtarget): the default message.py body', () => {
    expect(messagesOf(messagePy('data: data'))).toEqual([message('data')]);
  });

  it('event-data.any.js: lines and data parsing (resources/message2.py)', () => {
    const body = bytesOf(
      'data:msg\ndata: msg\n\n',
      ':\n',
      'falsefield:msg\n\n',
      'falsefield:msg\nData:data\n\n',
      'data\n\n',
      'data:end\n\n',
    );
    expect(messagesOf(body)).toEqual([message('msg\nmsg'), message(''), message('end')]);
  });

  it('format-bom.any.js: only the BOM at the very start is stripped', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const { messages, warnings } = withWarnings(
      messagePy([bom, 'data:1\n\n', bom, 'data:2\n\ndata:3']),
    );
    expect(messages).toEqual([message('1'), message('3')]);
    // The second BOM makes the field name "\uFEFFdata": ignored, and worth telling the author.
    expect(warnings).toEqual(['bom-not-at-start']);
  });

  it('format-bom-2.any.js: of two leading BOMs the second is data', () => {
    const body = messagePy([[0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'data:1\n\ndata:2\n\ndata:3']);
    expect(dataOf(body)).toEqual(['2', '3']);
  });

  it('format-bom-split.any.js: a BOM split across chunks (ef | bbbf…) is still stripped', () => {
    const pushes = [Uint8Array.from([0xef]), bytesOf([0xbb, 0xbf], 'data:1\n\ndata:2\n\n')];
    const result = parsePushes(pushes, {});
    expect(result.messages).toEqual([message('1'), message('2')]);
    expect(result.outputs).toEqual(
      parse(bytesOf([0xef, 0xbb, 0xbf], 'data:1\n\ndata:2\n\n')).outputs,
    );
  });

  it('format-bom-utf-16.any.js: a UTF-16 BOM is two U+FFFD, not a BOM', () => {
    for (const bom of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      const { messages, warnings } = withWarnings(messagePy([bom, 'data:1\n\ndata:2']));
      expect(messages).toEqual([message('2')]);
      expect(warnings).toEqual(['invalid-utf8', 'unknown-field']);
    }
  });

  it('format-comments.any.js: comment fest', () => {
    const longstring = 'x'.repeat(2048);
    const body = messagePy(
      `data:1\r:\0\n:\r\ndata:2\n:${longstring}\rdata:3\n:data:fail\r:${longstring}\ndata:4\n`,
      'none',
    );
    expect(messagesOf(body)).toEqual([message('1\n2\n3\n4')]);
  });

  it('format-data-before-final-empty-line.any.js: no dispatch without the final blank line', () => {
    const body = messagePy('retry:1000\ndata:test1\n\nid:test\ndata:test2', 'none');
    const source = eventSource(() => body, 2);
    // The id of the undispatched block never reaches the last event ID string, so the
    // reconnection sends no Last-Event-ID and its first event again has an empty lastEventId.
    expect(source.connections.map((c) => c.lastEventIdHeader)).toEqual([null, null]);
    expect(source.messages).toEqual([message('test1'), message('test1')]);
    expect(source.reconnectionTimeMs).toBe(1000);
    const { summary } = source.connections[0]!.result;
    expect(summary.incomplete).toBe(true);
    expect(summary.pending).toMatchObject({ data: 'test2', lastEventId: 'test', hasData: true });
  });

  it('format-field-data.any.js: data field parsing', () => {
    const body = messagePy('data:\n\ndata\ndata\n\ndata:test');
    expect(dataOf(body)).toEqual(['', '\n', 'test']);
  });

  it('format-field-event-empty.any.js: an empty event field gives type message', () => {
    expect(messagesOf(messagePy('event: \ndata:data'))).toEqual([message('data')]);
  });

  it('format-field-event.any.js: custom event name, reset after dispatch', () => {
    const body = messagePy('event:test\ndata:x\n\ndata:x');
    expect(messagesOf(body)).toEqual([message('x', '', 'test'), message('x')]);
  });

  it('format-field-id.any.js: Last-Event-ID is sent and the id persists across reconnection', () => {
    const source = eventSource(lastEventIdPy(), 2);
    expect(source.connections.map((c) => c.lastEventIdHeader)).toEqual([null, '…']);
    expect(source.messages).toEqual([message('hello', '…'), message('…', '…')]);
    expect(source.connections[0]!.result.retries).toEqual([200]);
  });

  it('format-field-id-2.any.js: Last-Event-ID (2), over three connections', () => {
    const source = eventSource(lastEventIdPy(), 3);
    expect(source.connections.map((c) => c.lastEventIdHeader)).toEqual([null, '…', '…']);
    expect(source.messages).toEqual([message('hello', '…'), message('…', '…'), message('…', '…')]);
  });

  it('format-field-id-3.window.js: lastEventId persists, changes, and resets', () => {
    const ids = (body: string) => parse(bytesOf(body)).messages.map((m) => m.lastEventId);
    expect(ids('id: 1\ndata: 1\n\ndata:2\n\n')).toEqual(['1', '1']);
    expect(ids('id: 1\ndata: 1\n\nid: 2\ndata:2\n\ndata:3\n\n')).toEqual(['1', '2', '2']);
    expect(ids('id: 1\ndata: 1\n\nid:\ndata:2\n\ndata:3\n\n')).toEqual(['1', '', '']);
  });

  it('format-field-id-null.window.js: an id containing U+0000 is ignored entirely', () => {
    for (const idvalue of ['\0\0', 'x\0', '\0x', 'x\0x', ' \0']) {
      const source = eventSource(lastEventIdPy(idvalue), 2);
      // No Last-Event-ID was set, so the server says hello again.
      expect(source.connections.map((c) => c.lastEventIdHeader)).toEqual([null, null]);
      expect(source.messages).toEqual([message('hello'), message('hello')]);
      const { outputs } = source.connections[0]!.result;
      expect(outputs.filter((o) => o.kind === 'warning').map((o) => o.code)).toEqual([
        'id-contains-nul',
      ]);
    }
  });

  it('format-field-parsing.any.js: field parsing', () => {
    const body = messagePy(
      'data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3\rdata:\r\n data:32\ndata:4\n',
      'none',
    );
    expect(messagesOf(body)).toEqual([message('\0\n 2\n1\n3\n\n4')]);
  });

  it('format-field-retry-bogus.any.js: a bogus retry leaves the previous one in force', () => {
    const result = parse(messagePy('retry:3000\nretry:1000x\ndata:x'));
    expect(result.retries).toEqual([3000]);
    expect(result.summary.reconnectionTimeMs).toBe(3000);
    expect(result.messages).toEqual([message('x')]);
    const longer = parse(messagePy('retry:2000\nretry:1000x\ndata:x'));
    expect(longer.summary.reconnectionTimeMs).toBe(2000);
  });

  it('format-field-retry-empty.any.js: an empty retry field is ignored', () => {
    const result = parse(messagePy('retry\ndata:test'), { initialReconnectionTimeMs: 1234 });
    expect(result.messages).toEqual([message('test')]);
    expect(result.retries).toEqual([]);
    expect(result.summary.reconnectionTimeMs).toBe(1234);
  });

  it('format-field-retry.any.js: retry is base ten (leading zeros are not octal)', () => {
    expect(parse(messagePy('retry:03000\ndata:x')).summary.reconnectionTimeMs).toBe(3000);
    expect(parse(messagePy('retry:02000\ndata:x')).summary.reconnectionTimeMs).toBe(2000);
  });

  it('format-field-unknown.any.js: unknown fields and parsing fun', () => {
    const body = messagePy(
      'data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test',
    );
    expect(messagesOf(body)).toEqual([message('test\n\ntest')]);
  });

  it('format-leading-space.any.js: only one leading space is removed, and a tab is kept', () => {
    const body = messagePy('data:\ttest\rdata: \ndata:test');
    expect(messagesOf(body)).toEqual([message('\ttest\n\ntest')]);
  });

  it('format-mime-trailing-semicolon / format-mime-valid-bogus: the body parses as usual', () => {
    // The MIME checks belong to the connection; the parser sees message.py's default body.
    expect(messagesOf(messagePy('data: data'))).toEqual([message('data')]);
  });

  it('format-newlines.any.js: newline fest (CRLF, LF and a final CR + LF)', () => {
    const body = messagePy('data:test\r\ndata\ndata:test\r\n\r', 'none');
    const result = parse(body);
    expect(result.messages).toEqual([message('test\n\ntest')]);
    // The final "\r" + message.py's "\n" is one CRLF: the event ends at the last byte.
    expect(result.outputs.find((o) => o.kind === 'event')).toMatchObject({
      start: 0,
      end: body.length,
    });
  });

  it('format-null-character.any.js: U+0000 in data is kept', () => {
    expect(messagesOf(messagePy('data:\0\n\n'))).toEqual([message('\0')]);
  });

  it('format-utf-8.any.js: always UTF-8, whatever the charset parameter says', () => {
    expect(dataOf(messagePy(['data:ok', [0xe2, 0x80, 0xa6]]))).toEqual(['ok…']);
  });

  it('eventsource-reconnect.window.js: retry then data on reconnection (status-reconnect.py)', () => {
    let first = true;
    const source = eventSource(() => {
      const body = first ? 'retry: 2\ndata: ok\n\n' : 'data: data\n\n';
      first = false;
      return bytesOf(body);
    }, 2);
    expect(source.messages).toEqual([message('ok'), message('data')]);
    expect(source.reconnectionTimeMs).toBe(2);
  });

  it('request-accept.any.js / request-cache-control.any.js: the .event_stream templates', () => {
    expect(dataOf(bytesOf('data: text/event-stream\n\n'))).toEqual(['text/event-stream']);
    expect(dataOf(bytesOf('data: no-cache\n\n'))).toEqual(['no-cache']);
  });
});

describe('WHATWG HTML §9.2 examples', () => {
  it('9.2.1: three messages, the second on two lines', () => {
    const body = bytesOf(
      'data: This is the first message.\n\n',
      'data: This is the second message, it\ndata: has two lines.\n\n',
      'data: This is the third message.\n\n',
    );
    expect(dataOf(body)).toEqual([
      'This is the first message.',
      'This is the second message, it\nhas two lines.',
      'This is the third message.',
    ]);
  });

  it('9.2.1: event types add and remove', () => {
    const body = bytesOf(
      'event: add\ndata: 73857293\n\n',
      'event: remove\ndata: 2153\n\n',
      'event: add\ndata: 113411\n\n',
    );
    expect(messagesOf(body)).toEqual([
      message('73857293', '', 'add'),
      message('2153', '', 'remove'),
      message('113411', '', 'add'),
    ]);
  });

  it('9.2.6: the YHOO stock ticker block', () => {
    expect(dataOf(bytesOf('data: YHOO\ndata: +2\ndata: 10\n\n'))).toEqual(['YHOO\n+2\n10']);
  });

  it('9.2.6: a comment block, an id set then reset, and data keeping its second space', () => {
    const blocks = [
      ': test stream\n\n',
      'data: first event\nid: 1\n\n',
      'data:second event\nid\n\n',
      'data:  third event\n',
    ];
    const result = parse(bytesOf(...blocks, '\n'));
    expect(result.messages).toEqual([
      message('first event', '1'),
      message('second event'),
      message(' third event'),
    ]);
    expect(result.outputs[0]).toEqual({ kind: 'comment', text: 'test stream', offset: 0 });
    // "the last still has to end with a blank line, the end of the stream is not enough".
    const unterminated = parse(bytesOf(...blocks));
    expect(unterminated.messages.map((m) => m.data)).toEqual(['first event', 'second event']);
    expect(unterminated.summary.pending).toMatchObject({ data: ' third event', hasData: true });
  });

  it('9.2.6: `data` alone fires an empty message, two `data` lines fire one LF', () => {
    const result = parse(bytesOf('data\n\ndata\ndata\n\ndata:'));
    expect(result.messages.map((m) => m.data)).toEqual(['', '\n']);
    expect(result.summary.incomplete).toBe(true);
  });

  it('9.2.6: `data:test` and `data: test` are the same event', () => {
    expect(dataOf(bytesOf('data:test\n\ndata: test\n\n'))).toEqual(['test', 'test']);
  });

  it('9.2.7: a comment line every so often keeps the connection alive and fires nothing', () => {
    const result = parse(bytesOf(':\n\n: keep-alive\n\ndata: x\n\n'));
    expect(result.messages).toEqual([message('x')]);
    expect(result.outputs.filter((o) => o.kind === 'warning')).toEqual([]);
  });
});

function withWarnings(body: Uint8Array): { messages: Message[]; warnings: string[] } {
  const { messages, outputs } = parse(body);
  return {
    messages,
    warnings: outputs.flatMap((o) => (o.kind === 'warning' ? [o.code] : [])),
  };
}
