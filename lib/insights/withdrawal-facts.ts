import type { ProtocolId } from '../restaking';

/** A figure with where it came from; `unknown` when no source we trust states it. */
export type Sourced<T> = { value: T; source: string } | { value: 'unknown'; source: string };

/** The protocol's own way out, as far as reference facts go. Live figures (fees, EigenLayer delay) are read on-chain. */
export type WithdrawalFacts = {
  route: string;
  delay: Sourced<string>;
  fee: Sourced<string>;
  queue: Sourced<string>;
  /** Read previewRedeem(amount) on the token for an instant redemption quote (ERC-4626 with an exit fee). */
  instantPreviewRedeem?: boolean;
};

const NOT_IN_REFERENCE = 'not stated in reference/restaking.md; not guessed';
const unknown = (what: string): Sourced<string> => ({ value: 'unknown', source: `${what}: ${NOT_IN_REFERENCE}` });

/**
 * Reference §1, §4 and §8. Only Puffer's exit terms are stated there ([3P] LlamaRisk: instant with a
 * fee, or fee-free after ≥ 14 days); the others stay "unknown" rather than repeat folklore.
 */
export const WITHDRAWAL_FACTS: Record<ProtocolId, WithdrawalFacts> = {
  lido: {
    route: 'Lido withdrawal queue (request, then claim when finalized)',
    delay: unknown('Lido queue wait'),
    fee: unknown('Lido withdrawal fee'),
    queue: unknown('Lido queue length'),
  },
  rocketpool: {
    route: 'burn rETH against the deposit pool / rETH collateral',
    delay: unknown('Rocket Pool burn delay'),
    fee: unknown('Rocket Pool burn fee'),
    queue: unknown('rETH collateral available'),
  },
  coinbase: {
    route: 'unwrap through Coinbase (off-chain)',
    delay: unknown('Coinbase unwrap time'),
    fee: unknown('Coinbase fee'),
    queue: { value: 'none on-chain', source: 'reference §8: no permissionless on-chain mint/redeem found for cbETH' },
  },
  etherfi: {
    route: 'ether.fi withdrawal request (WithdrawRequestNFT)',
    delay: unknown('ether.fi withdrawal delay'),
    fee: unknown('ether.fi withdrawal fee'),
    queue: unknown('ether.fi queue'),
  },
  renzo: {
    route: 'Renzo withdrawal (request, claim after the cooldown)',
    delay: unknown('ezETH withdrawal delay'),
    fee: unknown('Renzo withdrawal fee'),
    queue: unknown('Renzo queue'),
  },
  kelp: {
    route: 'Kelp LRTWithdrawalManager 0x62De59c0…ec16 (request, then claim)',
    delay: unknown('rsETH withdrawal delay'),
    fee: unknown('Kelp withdrawal fee'),
    queue: unknown('Kelp queue'),
  },
  puffer: {
    route: 'PufferVault redeem (instant, exit fee) or PufferWithdrawalManager 0xDdA04831…0283 (fee-free)',
    delay: { value: 'instant, or ≥ 14 days fee-free', source: 'reference §4 (pufETH, [3P] LlamaRisk 2025-01-30)' },
    fee: {
      value: 'instant: getTotalExitFeeBasisPoints() read live; queued: 0',
      source: 'reference §1.1 (previewRedeem subtracts the exit fee) and §4 (1 % instant fee in 2025)',
    },
    queue: unknown('PufferWithdrawalManager queue length'),
    instantPreviewRedeem: true,
  },
  swell: {
    route: 'Swell RswEXIT withdrawal NFT',
    delay: unknown('rswETH withdrawal delay'),
    fee: unknown('Swell fee'),
    queue: unknown('Swell queue (RswEXIT address not found, reference §1.1)'),
  },
  stader: {
    route: 'Stader UserWithdrawalManager',
    delay: unknown('ETHx withdrawal delay'),
    fee: unknown('Stader fee'),
    queue: unknown('Stader queue'),
  },
  stakewise: {
    route: 'redeem osETH to the vault, then exit queue',
    delay: unknown('StakeWise exit queue'),
    fee: unknown('StakeWise fee'),
    queue: unknown('StakeWise exit queue length'),
  },
  mantle: {
    route: 'Mantle UnstakeRequestsManager 0x38fDF7b4…Dcf9 (request, claim when finalized)',
    delay: unknown('mETH unstake delay'),
    fee: unknown('Mantle fee'),
    queue: unknown('Mantle unstake queue'),
  },
};

/** Blocks a second on mainnet since the merge: converts EigenLayer's block delay to time. */
export const SECONDS_PER_BLOCK = 12n;
