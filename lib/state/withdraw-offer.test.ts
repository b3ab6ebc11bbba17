import { describe, expect, it } from 'vitest';
import type { PositionView } from './portfolio-model';
import { withdrawOffer } from './withdraw-offer';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const STRATEGY = '0x93c4b944D05dfe6df7645A86cd2206016c51564D';
const pos = (over: Partial<PositionView>): PositionView => ({
  id: 'x',
  family: 'token',
  account: A,
  asset: 'stETH',
  status: 'ok',
  amount: '1000',
  fairValueEth: '1000',
  marketValueEth: '1000',
  depegWad: '0',
  details: {},
  sources: [],
  ...over,
});

describe('withdrawOffer', () => {
  it('a held stETH or wstETH offers a request through the Lido queue (amount asked); rETH, an empty or failed one nothing', () => {
    expect(withdrawOffer(pos({}))).toMatchObject({ title: 'Request withdrawal through Lido WithdrawalQueue', amountOf: 'stETH' });
    expect(withdrawOffer(pos({ asset: 'wstETH' }))?.amountOf).toBe('wstETH');
    expect(withdrawOffer(pos({ asset: 'rETH' }))).toBeUndefined();
    expect(withdrawOffer(pos({ amount: '0' }))).toBeUndefined();
    expect(withdrawOffer(pos({ status: 'failed' }))).toBeUndefined();
  });
  it('a claimable Lido request offers Claim with its queue and id; a requested one nothing', () => {
    const request = (claimable: string) =>
      pos({ family: 'lido-withdrawal', asset: 'stETH withdrawal #7', details: { queue: 'lido', requestId: '7', claimable } });
    expect(withdrawOffer(request('true'))).toMatchObject({
      button: 'Claim',
      input: { kind: 'claim', queue: 'lido', requestId: '7', account: A },
    });
    expect(withdrawOffer(request('false'))).toBeUndefined();
  });
  it('a completable EigenLayer queued withdrawal offers Complete with its start block, strategy and nonce', () => {
    const queued = (claimable: string) =>
      pos({
        family: 'eigenlayer-queued',
        asset: 'stETH withdrawal #0 @120',
        details: { startBlock: '120', strategy: STRATEGY, nonce: '3', claimable },
      });
    expect(withdrawOffer(queued('true'))).toMatchObject({
      button: 'Complete withdrawal',
      input: { kind: 'eigen-complete', startBlock: 120, strategy: STRATEGY, nonce: '3', account: A },
    });
    expect(withdrawOffer(queued('false'))).toBeUndefined();
  });
});
