import type { AbiFunction, AbiParameter } from 'viem';

function formatParameter(parameter: AbiParameter): string {
  const type =
    'components' in parameter && parameter.type.startsWith('tuple')
      ? `(${parameter.components.map(formatParameter).join(', ')})${parameter.type.slice('tuple'.length)}`
      : parameter.type;
  return parameter.name ? `${type} ${parameter.name}` : type;
}

/**
 * A registry function back in human-readable form, parameter names included (Lido's submit reads
 * function submit(address referral) payable returns (uint256)): what the registry's users show, or hand
 * to tools that take a signature.
 */
export function humanSignature(item: AbiFunction): string {
  const mutability = item.stateMutability === 'nonpayable' ? '' : ` ${item.stateMutability}`;
  const returns = item.outputs.length ? ` returns (${item.outputs.map(formatParameter).join(', ')})` : '';
  return `function ${item.name}(${item.inputs.map(formatParameter).join(', ')})${mutability}${returns}`;
}
