import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createTestClient, http, publicActions, walletActions, type Abi, type Address, type Chain, type Hex, getAddress } from 'viem';
import { mainnet } from 'viem/chains';
import { mnemonicToAccount } from 'viem/accounts';
import { compileContracts } from './compile.mjs';
import { waitMined } from './mined';

/** anvil's well-known dev mnemonic: accounts are funded with 10,000 ETH each. Never for real funds. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
export const devAccount = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });

export type Artifact = { source: string; abi: Abi; bytecode: Hex; deployedBytecode: Hex };

const outDir = fileURLToPath(new URL('../../contracts/out', import.meta.url));

export function artifact(name: string): Artifact {
  const file = join(outDir, `${name}.json`);
  if (!existsSync(file)) compileContracts();
  if (!existsSync(file)) throw new Error(`No compiled contract named ${name} in contracts/out (is it in contracts/**/*.sol?)`);
  return JSON.parse(readFileSync(file, 'utf8')) as Artifact;
}

/**
 * `chain`: what the node answers to eth_chainId (mainnet for the L1 devnet; arbitrum / base for tests/devnet/l2).
 * 60 s per request, not viem's 10 s: on a loaded CI machine `anvil_mine` of 600 blocks once took longer, and a
 * test's own set-up call timing out is not what any test measures.
 */
export function makeClient<C extends Chain = typeof mainnet>(rpcUrl: string, chain: C = mainnet as unknown as C) {
  return createTestClient({ mode: 'anvil', chain, transport: http(rpcUrl, { retryCount: 0, timeout: 60_000 }) })
    .extend(publicActions)
    .extend(walletActions);
}
export type DevnetClient = ReturnType<typeof makeClient<typeof mainnet>>;

/**
 * What every seed function receives. Doubles have no constructors and no immutables: their
 * runtime code is placed at the mainnet address with anvil_setCode, then set up by calls.
 */
export type DevnetContext = {
  rpcUrl: string;
  client: DevnetClient;
  /** anvil account 0: admin/owner of every double, keeper of oracles. */
  admin: Address;
  /** Place a compiled double's runtime code at an address (usually its mainnet address). */
  place(name: string, address: Address): Promise<Address>;
  /** Send a transaction from an unlocked anvil account and wait for success. */
  write(args: {
    address: Address;
    abi: Abi;
    functionName: string;
    args?: readonly unknown[];
    value?: bigint;
    from?: Address;
  }): Promise<Hex>;
};

export function createContext(rpcUrl: string, chain: Chain = mainnet): DevnetContext {
  // Typed as the mainnet client every seed expects; at run time it signs for `chain` (its id goes into each tx).
  const client = makeClient(rpcUrl, chain) as unknown as DevnetClient;
  const admin = devAccount(0).address;
  return {
    rpcUrl,
    client,
    admin,
    async place(name, address) {
      await client.setCode({ address, bytecode: artifact(name).deployedBytecode });
      return getAddress(address);
    },
    async write({ address, abi, functionName, args = [], value, from = admin }) {
      const hash = await client.writeContract({ address, abi, functionName, args, value, account: from, chain } as never);
      // anvil automines before eth_sendTransaction returns, so the receipt is usually there already.
      const receipt = await client.getTransactionReceipt({ hash }).catch(() => waitMined(client, hash));
      if (receipt.status !== 'success') throw new Error(`${functionName} on ${address} reverted (tx ${hash})`);
      return hash;
    },
  };
}
