import { toHex, type Address, type Hex, type PublicClient } from 'viem';
import { AppError } from '../errors';
import { formatGwei } from '../format';
import type { StoredFeeQuote } from '../storage/fee-quote';
import type { StoredActivity } from '../storage/items';
import { sendPrepared, shownFeeOf, walletSigners, type ShownFee } from '../wallet/transactions';
import type { ProviderRouterDeps } from './context';
import { quoteTransactionFee } from './fees';
import { askWithFee } from './methods/ask-fee';
import type { TransactionParams } from './schemas';

export type ReplaceMode = 'speed-up' | 'cancel';

/** How a replacement shows in the approval window and in Activity. */
export const REPLACEMENT_ORIGIN: Record<ReplaceMode, string> = { 'speed-up': 'Ballast · Speed up', cancel: 'Ballast · Cancel' };

/**
 * Geth's pool (and anvil's) takes a transaction at a used nonce only if its priority fee and its max fee
 * (or its gas price) are both at least 10 % above the pending one's. Ballast proposes 12.5 %, as geth's
 * own `eth_resend` examples and most wallets do, so rounding never lands a wei under the rule.
 */
export const REPLACEMENT_MIN_PERCENT = 110n;
export const REPLACEMENT_PROPOSED_PERCENT = 1125n; // per mille

const raise = (wei: bigint, perMille: bigint) => (wei * perMille + 999n) / 1000n;

/** The lowest fee the node accepts for a replacement of `fee`: +10 % on every fee field. */
export function replacementMinimum(fee: NonNullable<StoredActivity['fee']>) {
  return fee.type === 'legacy'
    ? { type: 'legacy' as const, gasPrice: raise(BigInt(fee.gasPrice), REPLACEMENT_MIN_PERCENT * 10n) }
    : {
        type: 'eip1559' as const,
        maxFeePerGas: raise(BigInt(fee.maxFeePerGas), REPLACEMENT_MIN_PERCENT * 10n),
        maxPriorityFeePerGas: raise(BigInt(fee.maxPriorityFeePerGas), REPLACEMENT_MIN_PERCENT * 10n),
      };
}

/** What the user approved is below the node's replacement rule: said before anything is signed. */
function assertAboveMinimum(shown: ShownFee, original: NonNullable<StoredActivity['fee']>): void {
  const min = replacementMinimum(original);
  const low =
    min.type === 'legacy'
      ? shown.type !== 'legacy' || shown.gasPrice < min.gasPrice
      : shown.type !== 'eip1559' || shown.maxFeePerGas < min.maxFeePerGas || shown.maxPriorityFeePerGas < min.maxPriorityFeePerGas;
  if (low)
    throw new AppError('The new fee is too low to replace the transaction', {
      code: 'tx.replace.underpriced',
      details: `Nodes accept a transaction at a used nonce only with every fee at least 10 % above the pending one's (${describe(min)}). Nothing was sent; pick a higher fee.`,
    });
}

const gwei = (wei: bigint) => formatGwei(wei, { maxFractionDigits: 4 });
const describe = (fee: ReturnType<typeof replacementMinimum>) =>
  fee.type === 'legacy'
    ? `gas price ≥ ${gwei(fee.gasPrice)}`
    : `max fee ≥ ${gwei(fee.maxFeePerGas)}, priority fee ≥ ${gwei(fee.maxPriorityFeePerGas)}`;

type Replaceable = StoredActivity & Required<Pick<StoredActivity, 'nonce' | 'fee'>>;

/**
 * The network and node of the chain a transaction was sent on (a site's tx on Base while the wallet shows
 * Ethereum): its replacement is quoted, signed and sent there. Without `clientFor` only the wallet's chain can be.
 */
async function chainOfEntry(deps: ProviderRouterDeps, chainId: number): Promise<{ name: string; client: PublicClient }> {
  const active = await deps.networks.active();
  const network = active.chainId === chainId ? active : await deps.networks.forChain(chainId);
  if (!network || (network !== active && !deps.clientFor))
    throw new AppError(`Chain ${chainId} is not configured`, {
      code: 'tx.wrong-chain',
      details: `The transaction is on chain ${chainId}; add a network with that chain id in More → Networks to replace it.`,
    });
  return { name: network.name, client: network === active ? await deps.client() : await deps.clientFor!(network) };
}

/** A pending entry of Activity that can still be replaced, with its chain's node, or a clear error. */
async function replaceable(deps: ProviderRouterDeps, hash: Hex): Promise<{ entry: Replaceable; name: string; client: PublicClient }> {
  const known = await deps.activity.get(hash);
  if (!known) throw new AppError('Not in Activity', { code: 'tx.replace.unknown', details: `${hash} was not sent by Ballast.` });
  const { name, client } = await chainOfEntry(deps, known.chainId);
  await deps.activity.refresh(client, known.chainId).catch(() => []);
  const entry = (await deps.activity.get(hash)) ?? known;
  if (entry.nonce === undefined || !entry.fee)
    throw new AppError('This transaction cannot be replaced from Ballast', {
      code: 'tx.replace.unknown',
      details: 'It was sent before Ballast kept nonces and fees in Activity. Use your node or a block explorer to replace it.',
    });
  const mined = await client.getTransactionCount({ address: entry.from, blockTag: 'latest' });
  if (entry.status !== 'pending' || mined > entry.nonce)
    throw new AppError('Already settled', {
      code: 'tx.replace.not-pending',
      details: `Nonce ${entry.nonce} is already used on chain (status: ${entry.status}); there is nothing to replace.`,
    });
  return { entry: entry as Replaceable, name, client };
}

/** The replacement as a transaction request: the same call (speed-up) or nothing to yourself (cancel), same nonce. */
function replacementParams(entry: Replaceable, mode: ReplaceMode): TransactionParams {
  const proposed = entry.fee;
  const fee =
    proposed.type === 'legacy'
      ? { type: '0x0' as const, gasPrice: toHex(raise(BigInt(proposed.gasPrice), REPLACEMENT_PROPOSED_PERCENT)) }
      : {
          type: '0x2' as const,
          maxFeePerGas: toHex(raise(BigInt(proposed.maxFeePerGas), REPLACEMENT_PROPOSED_PERCENT)),
          maxPriorityFeePerGas: toHex(raise(BigInt(proposed.maxPriorityFeePerGas), REPLACEMENT_PROPOSED_PERCENT)),
        };
  const base = { from: entry.from, nonce: toHex(entry.nonce), chainId: entry.chainId, ...fee };
  return mode === 'cancel'
    ? { ...base, to: entry.from, value: '0x0', gas: toHex(21_000) }
    : {
        ...base,
        ...(entry.to ? { to: entry.to } : {}),
        value: toHex(BigInt(entry.value)),
        ...(entry.data ? { data: entry.data } : {}),
        gas: toHex(BigInt(entry.fee.gas)),
      };
}

/**
 * Speed up (the same call, fees raised past the node's replacement rule) or cancel (a zero-value send to
 * yourself) a pending transaction at its nonce. The replacement is a transaction like any other: the
 * approval window shows it with its fee, editable, and the user's approval signs exactly that; then the
 * one transaction path sends it and Activity links the pair. Answers the replacement's hash.
 */
export async function replaceTransaction(deps: ProviderRouterDeps, hash: Hex, mode: ReplaceMode): Promise<Hex> {
  const { entry, name, client } = await replaceable(deps, hash);
  const tx = replacementParams(entry, mode);
  const network = { name, chainId: entry.chainId };
  const now = deps.now ?? Date.now;
  const origin = REPLACEMENT_ORIGIN[mode];
  const min = replacementMinimum(entry.fee);
  const notice = `${mode === 'cancel' ? 'Cancels' : 'Speeds up'} ${entry.hash.slice(0, 10)}… at nonce ${entry.nonce}${mode === 'cancel' ? ' with a send of nothing to yourself' : ''}. The node takes it only with ${describe(min)} (10 % above the pending one).`;
  const approved: StoredFeeQuote = await askWithFee({
    client,
    from: entry.from,
    what: mode === 'cancel' ? 'cancel' : 'speed-up',
    fee: await quoteTransactionFee(client, tx, network, { now: now(), notice }),
    ask: (fee, key) =>
      deps.approvals.request({
        origin,
        kind: 'transaction',
        method: 'eth_sendTransaction',
        params: [tx],
        chainId: entry.chainId,
        dedupeKey: key,
        fee,
      }),
    requote: (options) => quoteTransactionFee(client, tx, network, { ...options, notice: `${options.notice} ${notice}`, now: now() }),
  });
  const shown = shownFeeOf(approved, 0);
  if (shown.nonce !== entry.nonce)
    throw new AppError('The nonce was changed', {
      code: 'tx.replace.not-pending',
      details: `A replacement must use nonce ${entry.nonce}; the approval had ${shown.nonce}. Nothing was sent.`,
    });
  assertAboveMinimum(shown, entry.fee);
  try {
    return await sendPrepared({
      client,
      // Signed for the original's chain, whichever network the wallet shows now; the node's chain is still checked.
      activeChainId: entry.chainId,
      signer: walletSigners(deps.wallet, deps.devices)(entry.from as Address),
      tx: {
        chainId: entry.chainId,
        from: entry.from,
        to: tx.to as Address,
        data: tx.data as Hex | undefined,
        value: BigInt(tx.value!),
        ...shown,
      },
      activity: deps.activity,
      origin,
      replaces: { hash, kind: mode },
      now: deps.now,
    });
  } catch (error) {
    const text = String((error as { details?: string; message?: string }).details ?? (error as Error).message ?? error);
    if (/underpriced|replacement/i.test(text))
      throw new AppError('The node refused the replacement as underpriced', {
        code: 'tx.replace.underpriced',
        cause: error,
        details: `${text.split('\n')[0]}. Nothing was sent; raise the fee and try again.`,
      });
    if (/nonce too low|already known/i.test(text))
      throw new AppError('The original transaction was mined first', {
        code: 'tx.replace.not-pending',
        cause: error,
        details: text.split('\n')[0],
      });
    throw error;
  }
}
