import type { Abi, Address } from 'viem';
import { artifact, type Artifact, type DevnetContext } from '../context';

const cache = new Map<string, Abi>();
const artifacts = new Map<string, Artifact>();

function cachedArtifact(name: string): Artifact {
  let a = artifacts.get(name);
  if (!a) {
    a = artifact(name);
    artifacts.set(name, a);
  }
  return a;
}

/** ctx.place with the artifact read once per process. */
export async function placeDouble(ctx: DevnetContext, name: string, address: Address): Promise<void> {
  await ctx.client.setCode({ address, bytecode: cachedArtifact(name).deployedBytecode });
}

/** A compiled double's ABI, parsed from contracts/out once per process (seeding asks for them hundreds of times). */
export function doubleAbi(name: string): Abi {
  let abi = cache.get(name);
  if (!abi) {
    abi = cachedArtifact(name).abi;
    cache.set(name, abi);
  }
  return abi;
}
