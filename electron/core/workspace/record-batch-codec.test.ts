import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { BatchEncoder, decodeBatch, transferables } from './record-batch-codec.ts';
import { chunk, event, everyKindOfRecord } from './test-fixtures.ts';

function roundTrip(sessionIds: number[], records: CaptureRecord[]) {
  const encoder = new BatchEncoder();
  records.forEach((record, i) => encoder.add(sessionIds[i]!, record));
  // What the writer thread receives: a structured clone with the buffers moved.
  const batch = encoder.seal();
  const posted = structuredClone(batch, { transfer: transferables(batch) });
  return decodeBatch(posted);
}

describe('BatchEncoder / decodeBatch', () => {
  it('gives back every kind of record, in order, with its session', () => {
    const records = everyKindOfRecord();
    const sessionIds = records.map((_, i) => (i % 3) + 1);
    const decoded = roundTrip(sessionIds, records);
    expect(decoded.sessionIds).toEqual(sessionIds);
    expect(decoded.records).toEqual(records);
  });

  it('keeps event text exactly: non-ASCII, NUL, empty ids, many types, long data', () => {
    const long = 'ü€😀'.repeat(100_000);
    const records = [
      event(0, 'ünïcødé 😀 \u0000 nul', { lastEventId: '', type: 'message' }),
      event(1, '', { lastEventId: 'id with \u2028 separator', type: 'delta' }),
      event(2, long, { lastEventId: '42', type: 'message' }),
      ...Array.from({ length: 50 }, (_, i) => event(3 + i, `e${i}`, { type: `type-${i % 7}` })),
    ];
    expect(
      roundTrip(
        records.map(() => 9),
        records,
      ).records,
    ).toEqual(records);
  });

  it('copies chunk bytes out of the buffers they view', () => {
    const backing = new TextEncoder().encode('xxxxdata: a\n\nyyyy');
    const view: CaptureRecord = { ...chunk(1, 0, 0, ''), bytes: backing.subarray(4, 13) };
    const [decoded] = roundTrip([1], [view]).records;
    expect(decoded).toEqual({ ...view, bytes: new TextEncoder().encode('data: a\n\n') });
    backing.fill(0);
    expect(new TextDecoder().decode((decoded as { bytes: Uint8Array }).bytes)).toBe('data: a\n\n');
  });

  it('grows past its first capacity and starts afresh after seal()', () => {
    const encoder = new BatchEncoder();
    const many = Array.from({ length: 5000 }, (_, i) => event(i, `n${i}`));
    for (const record of many) encoder.add(1, record);
    expect(encoder.count).toBe(5000);
    expect(decodeBatch(encoder.seal()).records).toEqual(many);
    expect(encoder.count).toBe(0);
    encoder.add(2, event(0, 'next'));
    expect(decodeBatch(encoder.seal())).toEqual({ sessionIds: [2], records: [event(0, 'next')] });
  });

  it('encodes into the buffers of a written batch, leaving nothing of it behind', () => {
    const encoder = new BatchEncoder();
    const first = Array.from({ length: 3000 }, (_, i) =>
      i % 10 ? event(i, `first${i}`) : chunk(1, i, i, `data: first${i}\n\n`),
    );
    for (const record of first) encoder.add(1, record);
    const written = encoder.seal();
    // The writer thread hands the buffers back once SQLite has copied the rows.
    const returned = structuredClone(written, { transfer: transferables(written) });
    encoder.recycle(returned);
    encoder.add(2, event(0, 'second'));
    encoder.add(2, chunk(1, 0, 0, 'data: second\n\n'));
    const reused = encoder.seal();
    expect(reused.bytes.buffer).toBe(returned.bytes.buffer);
    expect(decodeBatch(reused)).toEqual({
      sessionIds: [2, 2],
      records: [event(0, 'second'), chunk(1, 0, 0, 'data: second\n\n')],
    });
  });

  it('drops the records of one session from the batch in progress', () => {
    const encoder = new BatchEncoder();
    encoder.add(1, event(0, 'keep'));
    encoder.add(2, event(0, 'drop'));
    encoder.add(1, chunk(1, 0, 0, 'data: keep\n\n'));
    encoder.add(2, chunk(1, 0, 0, 'data: drop\n\n'));
    encoder.dropSession(2);
    expect(decodeBatch(encoder.seal())).toEqual({
      sessionIds: [1, 1],
      records: [event(0, 'keep'), chunk(1, 0, 0, 'data: keep\n\n')],
    });
  });
});
