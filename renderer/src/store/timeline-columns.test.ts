import { describe, expect, it } from 'vitest';
import { Float64Column, Uint32Column } from './timeline-columns.ts';

describe('typed timeline columns', () => {
  it('keep every value across their pages as they grow row by row', () => {
    const column = new Float64Column();
    const rows = 200_000; // past three page boundaries
    for (let row = 0; row < rows; row++) column.set(row, row * 1.5);
    for (const row of [0, 1023, 1024, 65_535, 65_536, 131_072, rows - 1]) {
      expect(column.get(row)).toBe(row * 1.5);
    }
  });

  it('take a range of values across page boundaries in one call', () => {
    const column = new Float64Column();
    const values = Array.from({ length: 140_000 }, (_, i) => i * 2);
    column.set(0, -1);
    column.setRange(1, values, 5, 139_000);
    expect([column.get(0), column.get(1), column.get(65_535), column.get(65_536)]).toEqual([
      -1, 10, 131_078, 131_080,
    ]);
    expect(column.get(139_000)).toBe(278_008);
  });

  it('take a row far past the end, keeping the rows before it', () => {
    const column = new Uint32Column();
    column.set(0, 7);
    column.set(2000, 8);
    column.set(150_000, 9);
    expect([column.get(0), column.get(2000), column.get(150_000), column.get(149_999)]).toEqual([
      7, 8, 9, 0,
    ]);
  });
});
