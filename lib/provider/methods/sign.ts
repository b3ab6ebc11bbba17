import { isAddress, isHex, getAddress, stringToHex, type Address, type Hex } from 'viem';
import { providerErrors, rpcErrors } from '@metamask/rpc-errors';
import type { MessageTypes, TypedMessage } from '@metamask/eth-sig-util';
import { findTypedDataIssue } from '../../risk';
import { recoverPersonalMessage, signPersonalMessage, signTypedDataWithKey } from '../../wallet/signing';
import { isHardwareAccount, signOnDevice } from '../../wallet/hardware/bridge';
import { rejectedByUser } from '../approvals';
import { requireAuthorized, toPageAddress, type MethodHandler } from '../context';
import { ecRecoverParams, personalSignParams, signTypedDataParams } from '../schemas';

/** Messages that are not hex are signed as their UTF-8 bytes, as MetaMask does. */
const toMessageHex = (message: string): Hex => (isHex(message) ? message : stringToHex(message));

/**
 * personal_sign is [message, address], but older dApps send [address, message]. When exactly one
 * of the two is an address, it is the signer; when both are (a 20-byte message), the spec order wins.
 */
export function splitPersonalSign(a: string, b: string): { message: string; address: Address } {
  const aIsAddress = isAddress(a, { strict: false });
  const bIsAddress = isAddress(b, { strict: false });
  if (bIsAddress) return { message: a, address: getAddress(b) };
  if (aIsAddress) return { message: b, address: getAddress(a) };
  throw rpcErrors.invalidParams({ message: 'Invalid params: personal_sign needs [message, address]; neither param is an address.' });
}

function typedDataHandler(version: 'V3' | 'V4'): MethodHandler {
  return async ({ origin, params, dedupeKey, method }, deps) => {
    const [address, typedData] = signTypedDataParams.parse(params);
    // Before anything is queued: the user must never be asked to sign a value that signs as something else.
    const issue = findTypedDataIssue(typedData, { version });
    if (issue) throw rpcErrors.invalidParams({ message: `Invalid params: typed data ${issue.path}: ${issue.problem}` });
    await requireAuthorized(origin, address, deps);
    const active = (await deps.networks.active()).chainId;
    const domainChain = typedData.domain.chainId;
    if (domainChain !== undefined) {
      const asNumber =
        typeof domainChain === 'number' ? domainChain : Number(domainChain.startsWith('0x') ? BigInt(domainChain) : domainChain);
      if (!Number.isSafeInteger(asNumber) || asNumber !== active) {
        throw rpcErrors.invalidParams({
          message: `Invalid params: typed data domain.chainId (${String(domainChain)}) does not match the active chain (${active}). Switch chains or fix the domain.`,
        });
      }
    }
    const decision = await deps.approvals.request({
      origin,
      kind: 'signature',
      method,
      params: [address, typedData],
      chainId: active,
      dedupeKey,
    });
    if (!decision.approved) throw rejectedByUser('signature request');
    const account = await deps.wallet.signingInfo(address);
    // The device signs the same canonical JSON the approval window showed (the checks above ran on it).
    if (isHardwareAccount(account))
      return signOnDevice(deps.devices, account, { kind: 'typed', typedData: JSON.stringify(typedData), version });
    const key = await deps.wallet.privateKey(address);
    try {
      return signTypedDataWithKey(key, typedData as unknown as TypedMessage<MessageTypes>, version);
    } catch (error) {
      throw rpcErrors.invalidParams({
        message: `Invalid params: typed data cannot be encoded: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
}

export const signMethods: Record<string, MethodHandler> = {
  async personal_sign({ origin, params, dedupeKey, method }, deps) {
    const [a, b] = personalSignParams.parse(params);
    const { message, address } = splitPersonalSign(a, b);
    await requireAuthorized(origin, address, deps);
    const chainId = (await deps.networks.active()).chainId;
    const data = toMessageHex(message);
    const decision = await deps.approvals.request({ origin, kind: 'signature', method, params: [data, address], chainId, dedupeKey });
    if (!decision.approved) throw rejectedByUser('signature request');
    const account = await deps.wallet.signingInfo(address);
    if (isHardwareAccount(account)) return signOnDevice(deps.devices, account, { kind: 'personal', message: data });
    return signPersonalMessage(await deps.wallet.privateKey(address), data);
  },

  async personal_ecRecover({ params }) {
    const [message, signature] = ecRecoverParams.parse(params);
    if (signature.length !== 132)
      throw rpcErrors.invalidParams({ message: 'Invalid params: signature must be 65 bytes (0x + 130 hex digits).' });
    try {
      // Lowercase like eth_accounts, so a dApp can compare the two with ===.
      return toPageAddress(recoverPersonalMessage(toMessageHex(message), signature as Hex));
    } catch {
      throw rpcErrors.invalidParams({ message: 'Invalid params: the signature does not recover to an address.' });
    }
  },

  eth_signTypedData_v3: typedDataHandler('V3'),
  eth_signTypedData_v4: typedDataHandler('V4'),

  async eth_sign() {
    // Signs an arbitrary hash: indistinguishable from a transaction. Refused outright.
    throw providerErrors.unsupportedMethod({
      message:
        'eth_sign is refused by Ballast because it can sign anything, including transactions. Use personal_sign or eth_signTypedData_v4.',
    });
  },
};
