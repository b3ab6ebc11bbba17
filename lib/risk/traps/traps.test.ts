import { describe, expect, it } from 'vitest';
import type { RiskFlag } from '../flag';
import { approvalFlags, setApprovalForAllFlags } from './approvals';
import { callTargetFlags, typedDataChainFlags } from './calls';
import { permit2Flags, permitFlags } from './permits';

const TOKEN = '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84' as const;
const ROUTER = '0x000000000022D473030F116dDEE9F6B43aC78BA3' as const;
const EOA = '0x1111111111111111111111111111111111111111' as const;
const NOW = 1_750_000_000n;
const DAY = 86_400n;
const MAX_UINT256 = 2n ** 256n - 1n;
const MAX_UINT160 = 2n ** 160n - 1n;
const summary = (flags: RiskFlag[]) => flags.map((f) => `${f.id}:${f.severity}`);

describe('ERC-20 approve / increaseAllowance', () => {
  const base = { method: 'approve' as const, token: TOKEN, tokenSymbol: 'stETH', spender: ROUTER, spenderHasCode: true };
  it('unlimited (max uint256 and ≥ 2^255) → warn', () => {
    expect(summary(approvalFlags({ ...base, amount: MAX_UINT256 }))).toEqual(['approval.unlimited:warn']);
    expect(summary(approvalFlags({ ...base, method: 'increaseAllowance', amount: 2n ** 255n }))).toEqual(['approval.unlimited:warn']);
  });
  it('near miss: 2^255 − 1 and a finite amount to a contract → silent; revoke → silent', () => {
    expect(approvalFlags({ ...base, amount: 2n ** 255n - 1n })).toEqual([]);
    expect(approvalFlags({ ...base, amount: 5n * 10n ** 18n })).toEqual([]);
    expect(approvalFlags({ ...base, spenderHasCode: false, amount: 0n })).toEqual([]);
  });
  it('spender without code → danger, even for a finite amount', () => {
    const flags = approvalFlags({ ...base, spender: EOA, spenderHasCode: false, amount: 5n * 10n ** 18n });
    expect(summary(flags)).toEqual(['approval.eoa-spender:danger']);
    expect(flags[0]!.numbers.amount).toBe('5 stETH');
  });
});

describe('setApprovalForAll', () => {
  it('true to a contract → warn; to an EOA → warn + danger; false → silent', () => {
    expect(summary(setApprovalForAllFlags({ collection: TOKEN, operator: ROUTER, approved: true, operatorHasCode: true }))).toEqual([
      'nft.approval-for-all:warn',
    ]);
    expect(summary(setApprovalForAllFlags({ collection: TOKEN, operator: EOA, approved: true, operatorHasCode: false }))).toEqual([
      'nft.approval-for-all:warn',
      'nft.approval-for-all-eoa:danger',
    ]);
    expect(setApprovalForAllFlags({ collection: TOKEN, operator: EOA, approved: false, operatorHasCode: false })).toEqual([]);
  });
});

describe('EIP-2612 permit', () => {
  const base = { token: TOKEN, tokenSymbol: 'stETH', spender: ROUTER, value: 10n ** 18n, spenderHasCode: true, now: NOW };
  it('finite, to a contract, 1 h deadline → info only', () => {
    expect(summary(permitFlags({ ...base, deadline: NOW + 3600n }))).toEqual(['permit.signature:info']);
  });
  it('unlimited → warn', () => {
    expect(summary(permitFlags({ ...base, value: MAX_UINT256, deadline: NOW + 3600n }))).toEqual([
      'permit.signature:info',
      'permit.unlimited:warn',
    ]);
  });
  it('deadline: 30 days is fine, 31 days warns, over a year or max uint is danger', () => {
    expect(summary(permitFlags({ ...base, deadline: NOW + 30n * DAY }))).toEqual(['permit.signature:info']);
    expect(summary(permitFlags({ ...base, deadline: NOW + 31n * DAY }))).toContain('permit.long-deadline:warn');
    expect(summary(permitFlags({ ...base, deadline: NOW + 366n * DAY }))).toContain('permit.long-deadline:danger');
    const never = permitFlags({ ...base, deadline: MAX_UINT256 });
    expect(summary(never)).toContain('permit.long-deadline:danger');
    expect(never.find((f) => f.id === 'permit.long-deadline')!.numbers.expires).toBe('never (maximum value)');
  });
  it('spender without code → danger', () => {
    expect(summary(permitFlags({ ...base, spender: EOA, spenderHasCode: false, deadline: NOW + 3600n }))).toEqual([
      'permit.signature:info',
      'permit.eoa-spender:danger',
    ]);
  });
});

describe('Permit2', () => {
  const details = { token: TOKEN, tokenSymbol: 'stETH', amount: 10n ** 18n, expiration: NOW + DAY, nonce: 0n };
  const single = { type: 'PermitSingle' as const, spender: ROUTER, spenderHasCode: true, now: NOW, sigDeadline: NOW + 1800n, details };

  it('PermitSingle: finite amount, 1-day expiration, contract spender → silent', () => {
    expect(permit2Flags(single)).toEqual([]);
  });
  it('PermitSingle: unlimited (max uint160) → warn; one below → silent', () => {
    expect(summary(permit2Flags({ ...single, details: { ...details, amount: MAX_UINT160 } }))).toEqual(['permit2.unlimited:warn']);
    expect(permit2Flags({ ...single, details: { ...details, amount: MAX_UINT160 - 1n } })).toEqual([]);
  });
  it('PermitSingle: expiration 0 means this block only → silent; 60 days → warn; 2 years → danger', () => {
    expect(permit2Flags({ ...single, details: { ...details, expiration: 0n } })).toEqual([]);
    expect(summary(permit2Flags({ ...single, details: { ...details, expiration: NOW + 60n * DAY } }))).toEqual([
      'permit2.long-expiration:warn',
    ]);
    expect(summary(permit2Flags({ ...single, details: { ...details, expiration: NOW + 730n * DAY } }))).toEqual([
      'permit2.long-expiration:danger',
    ]);
  });
  it('PermitBatch: flags by the worst entry, and an EOA spender → danger', () => {
    const batch = {
      type: 'PermitBatch' as const,
      spender: EOA,
      spenderHasCode: false,
      now: NOW,
      sigDeadline: NOW + 1800n,
      details: [details, { ...details, amount: MAX_UINT160, expiration: NOW + 90n * DAY }],
    };
    expect(summary(permit2Flags(batch))).toEqual(['permit2.unlimited:warn', 'permit2.long-expiration:warn', 'permit2.eoa-spender:danger']);
  });
  it('PermitTransferFrom: one-shot → info; EOA spender → danger; long deadline → warn at most', () => {
    const transfer = {
      type: 'PermitTransferFrom' as const,
      spender: ROUTER,
      spenderHasCode: true,
      now: NOW,
      nonce: 1n,
      deadline: NOW + 1800n,
      permitted: { token: TOKEN, amount: 10n ** 18n },
    };
    expect(summary(permit2Flags(transfer))).toEqual(['permit2.transfer:info']);
    expect(summary(permit2Flags({ ...transfer, spender: EOA, spenderHasCode: false }))).toEqual([
      'permit2.transfer:info',
      'permit2.eoa-spender:danger',
    ]);
    expect(summary(permit2Flags({ ...transfer, deadline: MAX_UINT256 }))).toEqual(['permit2.transfer:info', 'permit2.long-deadline:warn']);
  });
  it('PermitBatchTransferFrom lists every token amount', () => {
    const flags = permit2Flags({
      type: 'PermitBatchTransferFrom',
      spender: ROUTER,
      spenderHasCode: true,
      now: NOW,
      nonce: 1n,
      deadline: NOW + 60n,
      permitted: [
        { token: TOKEN, amount: 10n ** 18n, tokenSymbol: 'stETH' },
        { token: TOKEN, amount: 2n * 10n ** 18n, tokenSymbol: 'wstETH' },
      ],
    });
    expect(flags[0]!.numbers.amounts).toBe('1 stETH, 2 wstETH');
  });
});

describe('calls and typed-data chain', () => {
  it('calldata to an address without code → warn, with value → danger', () => {
    expect(summary(callTargetFlags({ to: EOA, toHasCode: false, value: 0n, hasData: true }))).toEqual(['call.no-code:warn']);
    expect(summary(callTargetFlags({ to: EOA, toHasCode: false, value: 1n, hasData: true }))).toEqual(['call.no-code:danger']);
  });
  it('near misses: plain ETH transfer to an EOA, or calldata to a contract → silent', () => {
    expect(callTargetFlags({ to: EOA, toHasCode: false, value: 10n ** 18n, hasData: false })).toEqual([]);
    expect(callTargetFlags({ to: ROUTER, toHasCode: true, value: 1n, hasData: true })).toEqual([]);
  });
  it('domain chainId differing from the active chain → danger; equal (number or bigint) or absent → silent', () => {
    expect(summary(typedDataChainFlags({ domainChainId: 10, activeChainId: 1 }))).toEqual(['typed-data.chain-mismatch:danger']);
    expect(typedDataChainFlags({ domainChainId: 1n, activeChainId: 1 })).toEqual([]);
    expect(typedDataChainFlags({ activeChainId: 1 })).toEqual([]);
  });
});
