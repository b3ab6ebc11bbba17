import type { Abi, AbiFunction } from 'viem';

type NamedItem<TAbi extends Abi> = Extract<TAbi[number], { name: string }>;

/**
 * The items of `abi` called one of `names`, in the ABI's order, overloads included. A module that needs
 * part of a registry ABI (the decoder's families, one event of a contract) takes it from here instead of
 * declaring the fragments a second time. Throws on a name the ABI does not have, so a typo fails at load.
 */
export function pickAbi<const TAbi extends Abi, const TName extends NamedItem<TAbi>['name']>(
  abi: TAbi,
  names: readonly TName[],
): readonly Extract<TAbi[number], { name: TName }>[] {
  const has = (name: string) => abi.some((item) => 'name' in item && item.name === name);
  const missing = names.filter((name) => !has(name));
  if (missing.length) throw new Error(`pickAbi: the ABI has no ${missing.join(', ')}`);
  const wanted = new Set<string>(names);
  return abi.filter((item) => 'name' in item && wanted.has(item.name)) as Extract<TAbi[number], { name: TName }>[];
}

/** The one function `name` with `inputCount` inputs: picks an overload (deposit() rather than deposit(address)). */
export function abiFunction(abi: Abi, name: string, inputCount: number): AbiFunction {
  const found = abi.find(
    (item): item is AbiFunction => item.type === 'function' && item.name === name && item.inputs.length === inputCount,
  );
  if (!found) throw new Error(`abiFunction: the ABI has no ${name} with ${inputCount} inputs`);
  return found;
}
