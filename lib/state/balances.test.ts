import { describe, expect, it } from 'vitest';
import { visibleRows } from './balances';

const row = (symbol: string, source: string, valueEth: string | null, dust = false) => ({ symbol, source, valueEth, dust });

describe('Home rows', () => {
  const rows = [
    row('WETH', 'registry', '100000000000000', true),
    row('stETH', 'registry', '3000000000000000000'),
    row('FOO', 'watched', null),
    row('ETH', 'native', '1000000000000000000'),
    row('weETH', 'registry', '20000000000000000000'),
    row('rETH', 'registry', '0', true),
    row('BAR', 'custom', null),
  ];

  it('shows ETH first, then the largest value, unpriced rows last; small ones only with the toggle', () => {
    const off = visibleRows(rows, false);
    expect(off.shown.map((r) => r.symbol)).toEqual(['ETH', 'weETH', 'stETH', 'FOO', 'BAR']);
    expect(off.hidden).toBe(2);
    const on = visibleRows(rows, true);
    expect(on.shown.map((r) => r.symbol)).toEqual(['ETH', 'weETH', 'stETH', 'WETH', 'rETH', 'FOO', 'BAR']);
    expect(on.hidden).toBe(0);
  });
});
