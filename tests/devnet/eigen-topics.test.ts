import { expect, test } from 'vitest';
import { toEventSelector, toFunctionSelector, type AbiEvent, type AbiFunction } from 'viem';
import { artifact } from './context';

// topic0 / selector values copied from shared/reference/restaking.md §7 (computed there independently and
// cross-checked against EigenLayer's compiled bindings). The doubles' ABIs must reproduce them.
const REFERENCE_TOPICS: [contract: string, event: string, topic: string][] = [
  ['EigenAllocationManager', 'OperatorSlashed', '0x80969ad29428d6797ee7aad084f9e4a42a82fc506dcd2ca3b6fb431f85ccebe5'],
  ['EigenAllocationManager', 'MaxMagnitudeUpdated', '0x1c6458079a41077d003c11faf9bf097e693bd67979e4e6500bac7b29db779b5c'],
  ['EigenAllocationManager', 'AllocationUpdated', '0x1487af5418c47ee5ea45ef4a93398668120890774a9e13487e61e9dc3baf76dd'],
  ['EigenAllocationManager', 'EncumberedMagnitudeUpdated', '0xacf9095feb3a370c9cf692421c69ef320d4db5c66e6a7d29c7694eb02364fc55'],
  ['EigenDelegationManager', 'OperatorSharesSlashed', '0xdd611f4ef63f4385f1756c86ce1f1f389a9013ba6fa07daba8528291bc2d3c30'],
  ['EigenDelegationManager', 'StakerDelegated', '0xc3ee9f2e5fda98e8066a1f745b2df9285f416fe98cf2559cd21484b3d8743304'],
  ['EigenDelegationManager', 'SlashingWithdrawalQueued', '0x26b2aae26516e8719ef50ea2f6831a2efbd4e37dccdf0f6936b27bc08e793e30'],
  ['EigenDelegationManager', 'SlashingWithdrawalCompleted', '0x1f40400889274ed07b24845e5054a87a0cab969eb1277aafe61ae352e7c32a00'],
  ['EigenDelegationManager', 'DepositScalingFactorUpdated', '0x8be932bac54561f27260f95463d9b8ab37e06b2842e5ee2404157cc13df6eb8f'],
  ['SymbioticVault', 'OnSlash', '0xf9d090c096f71cd1659861a9ce5b6f384bceb4e2fa4e4a19edf6489a9b8d56c7'],
];

const REFERENCE_SELECTORS: [contract: string, fn: string, selector: string][] = [
  ['EigenDelegationManager', 'getWithdrawableShares', '0xc978f7ac'],
  ['EigenDelegationManager', 'delegatedTo', '0x65da1264'],
  ['EigenDelegationManager', 'getDepositedShares', '0x66d5ba93'],
  ['EigenDelegationManager', 'depositScalingFactor', '0xbfae3fd2'],
  ['EigenDelegationManager', 'getQueuedWithdrawals', '0x5dd68579'],
  ['EigenDelegationManager', 'minWithdrawalDelayBlocks', '0xc448feb8'],
  ['EigenStrategyManager', 'stakerDepositShares', '0xfe243a17'],
  ['EigenStrategyManager', 'getDeposits', '0x94f649dd'],
  ['EigenAllocationManager', 'getMaxMagnitude', '0xa9333ec8'],
  ['EigenAllocationManager', 'getMaxMagnitudes', '0x547afb87'],
  ['EigenAllocationManager', 'getAllocatedSets', '0x15fe5028'],
  ['EigenAllocationManager', 'getAllocation', '0x10e1b9b8'],
  ['EigenAllocationManager', 'getStrategyAllocations', '0x40120dab'],
  ['EigenAllocationManager', 'getRegisteredSets', '0x79ae50cd'],
  ['EigenAllocationManager', 'isOperatorSlashable', '0x1352c3e6'],
  ['EigenAllocationManager', 'getEncumberedMagnitude', '0xf605ce08'],
  ['EigenStrategy', 'sharesToUnderlyingView', '0x7a8b2637'],
  ['EigenStrategy', 'underlyingToken', '0x2495a599'],
  ['SymbioticVault', 'activeBalanceOf', '0x59f769a9'],
  ['SymbioticVault', 'slashableBalanceOf', '0xc31e8dd7'],
];

test.each(REFERENCE_TOPICS)('%s.%s has the mainnet topic0', (contract, event, topic) => {
  const item = artifact(contract).abi.find((x): x is AbiEvent => x.type === 'event' && x.name === event);
  expect(item, `${contract} declares ${event}`).toBeDefined();
  expect(toEventSelector(item!)).toBe(topic);
});

test.each(REFERENCE_SELECTORS)('%s.%s has the mainnet selector', (contract, fn, selector) => {
  const overloads = artifact(contract).abi.filter((x): x is AbiFunction => x.type === 'function' && x.name === fn);
  expect(overloads.map((o) => toFunctionSelector(o))).toContain(selector);
});
