import { getTypesForEIP712Domain, hashDomain, hashStruct, type Hex, type TypedDataDefinition } from 'viem';
import { AppError } from '../errors';

/**
 * The two hashes an EIP-712 signature commits to: keccak256(0x19 0x01 ‖ domainHash ‖ messageHash). A Ledger signing
 * "hashed" typed data shows exactly these, so the approval window shows them too for the person to compare.
 */
export function typedDataHashes(typedData: TypedDataDefinition): { domainHash: Hex; messageHash: Hex } {
  const {
    domain = {},
    message,
    primaryType,
  } = typedData as {
    domain?: Record<string, unknown>;
    message?: Record<string, unknown>;
    primaryType: string;
  };
  const types = { EIP712Domain: getTypesForEIP712Domain({ domain }), ...(typedData.types as Record<string, unknown>) } as never;
  if (primaryType === 'EIP712Domain' || !message)
    throw new AppError('Nothing to sign in this typed data', {
      code: 'hardware.failed',
      details: 'Its primary type is the domain itself, which a Ledger cannot sign as hashes.',
    });
  return {
    domainHash: hashDomain({ domain, types } as never),
    messageHash: hashStruct({ data: message, primaryType, types } as never),
  };
}
