import { decodeEventLog, getAddress, type Abi, type Address, type Hex, type TransactionReceipt } from 'viem';
import { EIGEN_STRATEGIES } from '../../../lib/restaking/addresses';
import { artifact, devAccount, type DevnetContext } from '../context';

// Constants, ABIs and types shared by the EigenLayer / Symbiotic seed (eigen.ts) and its actions.

export type EigenStrategySymbol = keyof typeof EIGEN_STRATEGIES;

/** Where the devnet's Symbiotic v1 vault lives. Not a mainnet address: Symbiotic vaults are factory-made. */
export const SYMBIOTIC_DEVNET_VAULT: Address = getAddress('0x5b1071c000000000000000000000000000000001');
/** The vault's slashed collateral goes here. */
export const SYMBIOTIC_DEVNET_BURNER: Address = getAddress('0x000000000000000000000000000000000000dead');

export const EIGEN_DEVNET_OPERATOR: Address = devAccount(5).address;
export const EIGEN_DEVNET_SECOND_OPERATOR: Address = devAccount(7).address;
export const EIGEN_DEVNET_AVS: Address = devAccount(6).address;
/** Small stand-in for mainnet's 100 800 blocks (14 days); the test can mine past it. */
export const EIGEN_DEVNET_WITHDRAWAL_DELAY_BLOCKS = 50;
export const SYMBIOTIC_DEVNET_EPOCH_SECONDS = 7 * 24 * 60 * 60;

export const WAD = 10n ** 18n;

export type EigenSeed = {
  delegationManager: Address;
  strategyManager: Address;
  allocationManager: Address;
  strategies: Record<EigenStrategySymbol, Address>;
  avs: Address;
  /** Registered to sets 1 and 2, stETH strategy magnitudes below (out of 1e18). */
  operator: Address;
  /** Registered to set 1 only, with half of its stETH magnitude there. */
  secondOperator: Address;
  operatorSets: { avs: Address; id: number; strategies: Address[] }[];
  /** Decimal strings (JSON-safe) of the stETH-strategy magnitude per operator and set id. */
  allocations: { operator: Address; operatorSetId: number; strategy: Address; magnitude: string }[];
  minWithdrawalDelayBlocks: number;
  symbiotic: { vault: Address; collateral: Address; burner: Address; epochDurationSeconds: number };
};

export const eigenAbi = {
  delegationManager: () => artifact('EigenDelegationManager').abi,
  strategyManager: () => artifact('EigenStrategyManager').abi,
  allocationManager: () => artifact('EigenAllocationManager').abi,
  strategy: () => artifact('EigenStrategy').abi,
  symbioticVault: () => artifact('SymbioticVault').abi,
};

/** Minimal ERC-20 surface the helpers need from whatever token double is placed. */
export const erc20Abi = [
  {
    type: 'function',
    name: 'approve',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 's', type: 'address' },
      { name: 'a', type: 'uint256' },
    ],
    outputs: [{ type: 'bool' }],
  },
] as const satisfies Abi;

export type DecodedEvent = { eventName: string; args: Record<string, unknown> };

/** Receipt of a tx sent through ctx.write, plus the logs of one contract decoded with its ABI. */
export async function decodedLogs(ctx: DevnetContext, hash: Hex, address: Address, abi: Abi) {
  const receipt: TransactionReceipt = await ctx.client.getTransactionReceipt({ hash });
  const logs = receipt.logs
    .filter((log) => getAddress(log.address) === getAddress(address))
    .map((log) => decodeEventLog({ abi, data: log.data, topics: log.topics, strict: true }) as unknown as DecodedEvent);
  return { receipt, logs };
}
