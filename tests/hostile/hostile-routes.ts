// Scenarios of the hostile server shared by the hostile-server tests. Sizes come from the query
// so each test states what it sends; every route knows exactly how many body bytes it wrote.
import { gzipSync } from 'node:zlib';
import type { HostileExchange, HostileRoute } from './hostile-server.ts';

function num(exchange: HostileExchange, name: string, fallback: number): number {
  const value = Number(exchange.request.query.get(name) ?? fallback);
  return Number.isFinite(value) ? value : fallback;
}

const BLOCK_BYTES = 64 * 1024;

/** Writes `count` copies of `unit` in ~64 KiB blocks (one shared buffer), minding backpressure. */
export async function writeRepeated(
  exchange: HostileExchange,
  unit: Uint8Array,
  count: number,
): Promise<void> {
  const perBlock = Math.max(1, Math.floor(BLOCK_BYTES / unit.length));
  const block = Buffer.alloc(perBlock * unit.length);
  for (let i = 0; i < perBlock; i++) block.set(unit, i * unit.length);
  let left = count;
  for (let guard = 0; left > 0 && guard < count + 1; guard++) {
    const n = Math.min(perBlock, left);
    if (!(await exchange.write(n === perBlock ? block : block.subarray(0, n * unit.length)))) {
      return;
    }
    left -= n;
  }
}

const x64k = Buffer.alloc(BLOCK_BYTES, 'x');

/** `mb` MiB of `x` (a multiple of 64 KiB). */
async function writeX(exchange: HostileExchange, mb: number): Promise<void> {
  await writeRepeated(exchange, x64k, mb * 16);
}

/**
 * Gzip bombs are gzip members (RFC 1952 §2.2) concatenated, each holding 64 MiB of `x` compressed
 * once and sent again, so the server spends no CPU and the wire carries ~1/1000 of the size.
 */
const xMemberMb = 64;
let xMember: Buffer | null = null;
function gzipOfX(): Buffer {
  xMember ??= gzipSync(Buffer.alloc(xMemberMb * 1024 * 1024, 'x'), { level: 9 });
  return xMember;
}

const lineUnit = 'data: xxxxxxxx\n';
const linesPerMember = 1024 * 1024;
let linesMember: Buffer | null = null;
function gzipOfLines(): Buffer {
  linesMember ??= gzipSync(Buffer.alloc(linesPerMember * lineUnit.length).fill(lineUnit), {
    level: 9,
  });
  return linesMember;
}

/** Compresses the bombs' repeated members now, so the server's memory is not measured later. */
export function prepareBombs(): void {
  gzipOfX();
  gzipOfLines();
}

export const hostileRoutes: Record<string, HostileRoute> = {
  /** Three small events, then the end of the stream. */
  '/normal': async (exchange) => {
    exchange.sse();
    await exchange.write('id: 1\ndata: one\n\nid: 2\ndata: two\n\nid: 3\ndata: three\n\n');
    await exchange.end();
  },

  /** `data: xxx…` for `mb` MiB and never a line terminator; then the server closes. */
  '/endless-line': async (exchange) => {
    exchange.sse();
    await exchange.write('data: ');
    await writeX(exchange, num(exchange, 'mb', 64));
    await exchange.end();
  },

  /** Like /endless-line but the line is invalid UTF-8 (0xFF bytes) after `data: `. */
  '/endless-invalid': async (exchange) => {
    exchange.sse();
    await exchange.write('data: ');
    await writeRepeated(exchange, Buffer.alloc(BLOCK_BYTES, 0xff), num(exchange, 'mb', 64) * 16);
    await exchange.end();
  },

  /**
   * One event of `mb` MiB, terminated, then a small one. `shape=line`: one data line;
   * `shape=lines`: 1 KiB data lines.
   */
  '/huge-event': async (exchange) => {
    const mb = num(exchange, 'mb', 64);
    exchange.sse();
    if (exchange.request.query.get('shape') === 'lines') {
      const line = Buffer.from(`data: ${'y'.repeat(1024 - 7)}\n`);
      await writeRepeated(exchange, line, mb * 1024);
    } else {
      await exchange.write('data: ');
      await writeX(exchange, mb);
      await exchange.write('\n');
    }
    await exchange.write('\ndata: after\n\n');
    await exchange.end();
  },

  /** `count` comments of `mb` MiB each (`:` then `x`…), then `data: after\n\n`. */
  '/huge-comments': async (exchange) => {
    exchange.sse();
    for (let i = 0; i < num(exchange, 'count', 4); i++) {
      await exchange.write(':');
      await writeX(exchange, num(exchange, 'mb', 8));
      await exchange.write('\n');
    }
    await exchange.write('data: after\n\n');
    await exchange.end();
  },

  /** `count` copies of `unit` (default `data: x\n\n`), then `data: last\n\n`. */
  '/repeat': async (exchange) => {
    const unit = Buffer.from(exchange.request.query.get('unit') ?? 'data: x\n\n', 'latin1');
    exchange.sse();
    await writeRepeated(exchange, unit, num(exchange, 'count', 1000));
    await exchange.write('data: last\n\n');
    await exchange.end();
  },

  /** `retry: 0`, then the end: a client that follows the spec reconnects at once, forever. */
  '/retry-zero': async (exchange) => {
    exchange.sse();
    await exchange.write('retry: 0\n\n');
    await exchange.end();
  },

  /** The bytes of the `hex` query, as the whole body. */
  '/bytes': async (exchange) => {
    exchange.sse();
    await exchange.write(Buffer.from(exchange.request.query.get('hex') ?? '', 'hex'));
    await exchange.end();
  },

  /** A gzip body inflating to `data: ` + `mb` MiB of `x` (one line) + `\n\ndata: after\n\n`. */
  '/gzip-bomb': async (exchange) => {
    const mb = num(exchange, 'mb', 256);
    exchange.sse([['Content-Encoding', 'gzip']]);
    await exchange.write(gzipSync('data: '));
    const member = gzipOfX();
    for (let i = 0; i < mb / xMemberMb; i++) {
      if (!(await exchange.write(member))) return;
    }
    await exchange.write(gzipSync('\n\ndata: after\n\n'));
    await exchange.end();
  },

  /**
   * A gzip body inflating to `count` repetitions of `data: xxxxxxxx\n` (no blank line until the
   * end): one endless event of many data lines (~700:1; a multiple of 1 Mi lines is cheapest).
   */
  '/gzip-lines': async (exchange) => {
    const count = num(exchange, 'count', 1_000_000);
    exchange.sse([['Content-Encoding', 'gzip']]);
    const member = gzipOfLines();
    let left = count;
    for (let guard = 0; left >= linesPerMember && guard < 100_000; guard++) {
      if (!(await exchange.write(member))) return;
      left -= linesPerMember;
    }
    if (left > 0) await exchange.write(gzipSync(lineUnit.repeat(left)));
    await exchange.write(gzipSync('\ndata: after\n\n'));
    await exchange.end();
  },
};

/** Inflated size of /gzip-bomb?mb=N. */
export function gzipBombDecodedBytes(mb: number): number {
  return 'data: '.length + mb * 1024 * 1024 + '\n\ndata: after\n\n'.length;
}

/** Inflated size of /gzip-lines?count=N. */
export function gzipLinesDecodedBytes(count: number): number {
  return count * lineUnit.length + '\ndata: after\n\n'.length;
}
