import { getAddress, zeroAddress, type Address, type Client } from 'viem';
import { getEnsAddress, readContract } from 'viem/actions';
import { namehash, normalize } from 'viem/ens';
import { AppError } from '../errors';
import { ensRegistryAbi } from './abis';

/**
 * ENS on Ethereum mainnet, from the ENS docs' deployment list (docs.ens.domains/learn/deployments, "Mainnet";
 * source of truth: ensdomains/ens-contracts deployments/mainnet). The Universal Resolver is also viem's
 * `mainnet.contracts.ensUniversalResolver`. The devnet places test doubles at these same addresses.
 */
export const ENS = {
  registry: getAddress('0x00000000000C2E074eC69A0dFb2997BA6C7d2e1e'),
  publicResolver: getAddress('0xF29100983E058B709F3D539b0c765937B804AC15'),
  universalResolver: getAddress('0xeEeEEEeE14D718C2B47D9923Deab1335E144EeEe'),
} as const;

/** A dotted name with a top-level label ("alice.eth", "pay.example.xyz"): what a recipient field reads as ENS. */
export const looksLikeEnsName = (text: string) => /^[^\s.]+(\.[^\s.]+)+$/u.test(text.trim()) && !text.trim().startsWith('0x');

export type EnsResolution = { name: string; address: Address };

const firstLine = (error: unknown) =>
  ((error as { shortMessage?: string }).shortMessage ?? (error instanceof Error ? error.message : String(error))).split('\n')[0]!;

/**
 * The address an ENS name points to, through viem's getEnsAddress (UTS-46 normalised name, the Universal
 * Resolver). A name that resolves to nothing is told apart: unknown to the registry (no owner, no resolver),
 * or registered without an address record. Errors say which, and nothing is sent.
 */
export async function resolveEnsName(client: Client, text: string): Promise<EnsResolution> {
  let name: string;
  try {
    name = normalize(text.trim());
  } catch (error) {
    throw new AppError('Not a valid ENS name', {
      code: 'send.recipient.invalid',
      details: `"${text.trim()}" cannot be an ENS name (${firstLine(error)}). Check the spelling.`,
    });
  }
  let address: Address | null;
  try {
    address = await getEnsAddress(client, { name, universalResolverAddress: ENS.universalResolver });
  } catch (error) {
    throw new AppError('Could not look up the ENS name', {
      code: 'send.recipient.ens-failed',
      details: `The ENS resolver did not answer for ${name} (${firstLine(error)}). Check the RPC in Networks, or paste the address.`,
      cause: error,
    });
  }
  if (address && address !== zeroAddress) return { name, address: getAddress(address) };
  const node = namehash(name);
  const [owner, resolver] = await Promise.all([
    readContract(client, { address: ENS.registry, abi: ensRegistryAbi, functionName: 'owner', args: [node] }),
    readContract(client, { address: ENS.registry, abi: ensRegistryAbi, functionName: 'resolver', args: [node] }),
  ]).catch(() => [zeroAddress, zeroAddress] as const);
  if (owner === zeroAddress && resolver === zeroAddress) {
    throw new AppError('Unknown ENS name', {
      code: 'send.recipient.ens-unknown',
      details: `${name} is not registered on this network. Check the spelling, or paste the address.`,
    });
  }
  throw new AppError('This ENS name has no address', {
    code: 'send.recipient.ens-no-address',
    details: `${name} is registered but points to no Ethereum address: sending to it would burn the funds. Ask its owner for an address.`,
  });
}
