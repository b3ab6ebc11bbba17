import { describe, expect, it } from 'vitest';
import { transactionNotice } from './activity-notice';
import type { ActivityItem } from './types';

const base: ActivityItem = {
  hash: `0x${'12'.repeat(32)}`,
  from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  to: '0x000000000000000000000000000000000000dEaD',
  value: '100000000000000000',
  chainId: 1,
  status: 'confirmed',
  submittedAt: 0,
  origin: 'https://app.example',
  blockNumber: '42',
};

describe('the notification for a settled transaction', () => {
  it('says what it was, to whom, where it was mined and who asked', () => {
    expect(transactionNotice({ item: base, from: 'pending' })).toEqual({
      id: `tx:${base.hash}`,
      title: 'Transaction confirmed',
      message: '0.1 ETH to 0x0000…dEaD in block 42 · https://app.example',
    });
  });
  it('names failures and cancels', () => {
    expect(transactionNotice({ item: { ...base, status: 'failed' }, from: 'pending' })?.title).toBe('Transaction failed');
    expect(transactionNotice({ item: { ...base, status: 'cancelled', blockNumber: undefined }, from: 'pending' })).toMatchObject({
      title: 'Transaction cancelled',
      message: '0.1 ETH to 0x0000…dEaD · https://app.example',
    });
  });
  it('stays quiet for a transaction its own speed-up replaced (the speed-up confirming is the news) and while pending', () => {
    expect(
      transactionNotice({ item: { ...base, status: 'replaced', replacedBy: `0x${'34'.repeat(32)}` }, from: 'pending' }),
    ).toBeUndefined();
    expect(transactionNotice({ item: { ...base, status: 'pending' }, from: 'pending' })).toBeUndefined();
    // Replaced by something Ballast did not send: worth saying.
    expect(transactionNotice({ item: { ...base, status: 'replaced' }, from: 'pending' })?.title).toBe('Transaction replaced');
  });
});
