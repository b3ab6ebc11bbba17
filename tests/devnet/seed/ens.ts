import { getAddress, keccak256, toBytes, zeroHash, type Address, type Hex } from 'viem';
import { namehash } from 'viem/ens';
import { ENS } from '../../../lib/chain/ens';
import { devAccount, type DevnetContext } from '../context';
import { doubleAbi, placeDouble } from './abi';

/** alice.eth: the "DeFi LP" demo account (anvil dev mnemonic index 2). */
export const ALICE = devAccount(2).address;
/**
 * An address-poisoning lookalike of ALICE: the same first 4 and last 4 hex characters, another middle. No key
 * exists for it (nobody needs one to receive); it is what a poisoner would plant in a victim's history.
 */
export const ALICE_LOOKALIKE = getAddress(`${ALICE.slice(0, 6)}${'a1'.repeat(16)}${ALICE.slice(-4)}`);

/** The names the devnet resolves: `null` is registered with a resolver but no address record. */
export const DEVNET_ENS_NAMES: Record<string, Address | null> = {
  'alice.eth': ALICE,
  'bob.eth': devAccount(3).address,
  'a1ice.eth': ALICE_LOOKALIKE,
  'nobody-home.eth': null,
};

export type EnsSeed = { registry: Address; publicResolver: Address; universalResolver: Address; names: Record<string, Address | null> };

const label = (text: string): Hex => keccak256(toBytes(text));

/**
 * The ENS registry, public resolver and Universal Resolver doubles at their mainnet addresses (lib/chain/ens.ts),
 * .eth owned by the devnet admin, and DEVNET_ENS_NAMES registered with the public resolver: viem's getEnsAddress
 * on chain 1 resolves them as it resolves real names on mainnet.
 */
export async function seedEns(ctx: DevnetContext): Promise<EnsSeed> {
  await Promise.all([
    placeDouble(ctx, 'EnsRegistry', ENS.registry),
    placeDouble(ctx, 'EnsPublicResolver', ENS.publicResolver),
    placeDouble(ctx, 'EnsUniversalResolver', ENS.universalResolver),
  ]);
  const registry = doubleAbi('EnsRegistry');
  const resolver = doubleAbi('EnsPublicResolver');
  await ctx.write({ address: ENS.registry, abi: registry, functionName: 'initialize' });
  await ctx.write({ address: ENS.registry, abi: registry, functionName: 'setSubnodeOwner', args: [zeroHash, label('eth'), ctx.admin] });
  for (const [name, address] of Object.entries(DEVNET_ENS_NAMES)) {
    const [first] = name.split('.');
    await ctx.write({
      address: ENS.registry,
      abi: registry,
      functionName: 'setSubnodeRecord',
      args: [namehash('eth'), label(first!), ctx.admin, ENS.publicResolver, 0n],
    });
    if (address) await ctx.write({ address: ENS.publicResolver, abi: resolver, functionName: 'setAddr', args: [namehash(name), address] });
  }
  return { ...ENS, names: { ...DEVNET_ENS_NAMES } };
}
