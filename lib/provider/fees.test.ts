import { describe, expect, it } from 'vitest';
import type { StoredFeeQuote } from '../storage/fee-quote';
import type { StoredPending } from '../storage/items';
import { applyFeeEdit, confirmFee } from './fees';

const GWEI = 1_000_000_000n;
const g = (n: number) => (BigInt(n) * GWEI).toString();

/** Next base fee 10 gwei, no trend (planned 10), tips 1 / 2 / 4 gwei: presets max 21 / 22 / 24 gwei. */
const QUOTE: StoredFeeQuote = {
  version: 3,
  network: { name: 'Ethereum', chainId: 1 },
  type: 'eip1559',
  choice: 'normal',
  nonceSource: 'chain',
  maxFeePerGas: g(22),
  maxPriorityFeePerGas: g(2),
  txs: [{ nonce: 7, gas: '21000', gasEstimate: '21000', value: '1000000000000000000' }],
  market: {
    eip1559: true,
    nextBaseFee: g(10),
    plannedBaseFee: g(10),
    priority: [g(1), g(2), g(4)],
    gasPrice: g(12),
    blocks: 20,
    newestBlock: '100',
    pendingNonce: 7,
  },
  quotedAt: 0,
};
const tx = (extra: Record<string, string> = {}) => ({
  from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  ...extra,
});
const entry = (fee: StoredFeeQuote, params: unknown = [tx()]): StoredPending => ({
  id: 'p1',
  origin: 'https://dapp.example',
  kind: 'transaction',
  method: 'eth_sendTransaction',
  params,
  createdAt: 0,
  chainId: 1,
  fee,
});

describe('the user edits the fee', () => {
  it('a preset replaces the fee per gas and bumps the version', () => {
    const next = applyFeeEdit(QUOTE, entry(QUOTE), { version: 3, choice: 'fast' });
    expect(next).toMatchObject({ version: 4, choice: 'fast', maxFeePerGas: g(24), maxPriorityFeePerGas: g(4), nonceSource: 'chain' });
  });

  it('custom fields are kept as typed; a changed nonce is the user’s', () => {
    const next = applyFeeEdit(QUOTE, entry(QUOTE), {
      version: 3,
      choice: 'custom',
      maxFeePerGas: g(30),
      maxPriorityFeePerGas: g(3),
      gas: '50000',
      nonce: 9,
    });
    expect(next).toMatchObject({ version: 4, choice: 'custom', maxFeePerGas: g(30), maxPriorityFeePerGas: g(3), nonceSource: 'user' });
    expect(next.txs).toEqual([{ ...QUOTE.txs[0], gas: '50000', nonce: 9 }]);
  });

  it('refuses what cannot be signed, naming the field, and a stale version', () => {
    const bad = (edit: Parameters<typeof applyFeeEdit>[2]) => {
      try {
        applyFeeEdit(QUOTE, entry(QUOTE), edit);
      } catch (e) {
        return { code: (e as { code?: string }).code, details: (e as { details?: string }).details };
      }
      return undefined;
    };
    expect(bad({ version: 3, choice: 'custom', maxFeePerGas: g(9), maxPriorityFeePerGas: g(1) })).toMatchObject({
      code: 'fee.edit.invalid',
      details: expect.stringContaining('field "maxFee"'),
    });
    expect(bad({ version: 3, choice: 'custom', maxFeePerGas: g(20), maxPriorityFeePerGas: g(21) })?.details).toContain(
      'field "priorityFee"',
    );
    expect(bad({ version: 3, choice: 'custom', maxFeePerGas: g(20), maxPriorityFeePerGas: g(1), gas: '100' })?.details).toContain(
      'field "gas"',
    );
    expect(bad({ version: 2, choice: 'fast' })).toMatchObject({ code: 'fee.changed' });
    expect(bad({ version: 3, choice: 'site' })).toMatchObject({ code: 'fee.edit.invalid' });
  });

  it('the site’s own fee can be picked again after a preset', () => {
    const siteTx = tx({ maxFeePerGas: '0x4a817c800', maxPriorityFeePerGas: '0x77359400' }); // 20 and 2 gwei
    const fast = applyFeeEdit(QUOTE, entry(QUOTE, [siteTx]), { version: 3, choice: 'fast' });
    const back = applyFeeEdit(fast, entry(fast, [siteTx]), { version: 4, choice: 'site' });
    expect(back).toMatchObject({ version: 5, choice: 'site', maxFeePerGas: g(20), maxPriorityFeePerGas: g(2) });
  });
});

describe('an approval stands for the fee on screen', () => {
  const code = (fee: StoredFeeQuote, confirmation: Parameters<typeof confirmFee>[1]) => {
    try {
      confirmFee(entry(fee), confirmation);
      return 'ok';
    } catch (e) {
      return (e as { code?: string }).code;
    }
  };

  it('the version the window showed, nothing else', () => {
    expect(code(QUOTE, { feeVersion: 3 })).toBe('ok');
    expect(code(QUOTE, { feeVersion: 2 })).toBe('fee.changed');
    expect(code(QUOTE, {})).toBe('fee.changed');
  });

  it('a danger fee needs the second step', () => {
    const lying = { ...QUOTE, maxFeePerGas: g(1020), maxPriorityFeePerGas: g(1000) };
    expect(code(lying, { feeVersion: 3 })).toBe('fee.danger-unconfirmed');
    expect(code(lying, { feeVersion: 3, acceptFeeDanger: true })).toBe('ok');
  });

  it('an unknown gas limit cannot be approved', () => {
    expect(code({ ...QUOTE, txs: [{ ...QUOTE.txs[0]!, gas: '0' }] }, { feeVersion: 3 })).toBe('fee.gas-unknown');
  });
});
