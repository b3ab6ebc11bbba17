import { describe, expect, it } from 'vitest';
import { liquidationDistanceFlag } from './aave-after';

const details = (hf: string, status: string, distance?: string) => ({
  underlying: 'rsETH',
  healthFactor: hf,
  pricedBy: 'exchange-rate',
  liquidationStatus: status,
  ...(distance ? { liquidationDistanceWad: distance } : {}),
});

describe('liquidationDistanceFlag (the distance on a flow step before the click)', () => {
  it('none without debt; danger under 5 %, warn under 10 %, info beyond, with the pricing sentence', () => {
    expect(liquidationDistanceFlag(details(String(2n ** 256n - 1n), 'no-debt'))).toBeUndefined();
    const near = liquidationDistanceFlag(details('1040000000000000000', 'ok', '38461538461538461'))!;
    expect([near.severity, near.title]).toEqual(['danger', 'Liquidation distance after the flow: 3.84%']);
    expect(near.why).toMatch(/Aave prices rsETH by its exchange rate/);
    expect(liquidationDistanceFlag(details('1100000000000000000', 'ok', '90909090909090909'))!.severity).toBe('warn');
    expect(liquidationDistanceFlag(details('1500000000000000000', 'ok', '333333333333333333'))!.severity).toBe('info');
    expect(liquidationDistanceFlag(details('990000000000000000', 'liquidatable', '0'))!.severity).toBe('danger');
  });
});
