import { bytesToHex, type Address, type Hex, type TransactionReceipt } from 'viem';
import { sameAddress } from '../../format';
import { providerErrors, rpcErrors } from '@metamask/rpc-errors';
import { walletError } from '../errors';
import { accountsFor, toHexQuantity, type MethodHandler } from '../context';
import { getCallsStatusParams, getCapabilitiesParams, sendCallsParams } from '../schemas';
import { callsFlowStatus, runCallsFlow, startCallsFlow } from './calls-flow';
import { askWithFee } from './ask-fee';
import { checkTransaction, shownFeeOf, signAndSend } from './transaction';
import { flowFeeFromQuote } from '../../flows/fee';
import type { FeePreset } from '../../risk/fees';
import { quoteBatchFee } from '../fees';

/**
 * EIP-5792 (v2.0.0). Ballast executes a batch as sequential transactions from an EOA, so it is
 * never atomic: `atomic` is reported as "unsupported", and atomicRequired: true is refused (5760).
 */
export const callsMethods: Record<string, MethodHandler> = {
  async wallet_getCapabilities({ origin, params }, deps) {
    const [address, chainIds] = getCapabilitiesParams.parse(params);
    const accounts = await accountsFor(origin, deps);
    if (!accounts.some((a) => sameAddress(a, address))) {
      throw providerErrors.unauthorized({ message: `${address} is not connected to ${origin}. Call eth_requestAccounts first.` });
    }
    const active = (await deps.networks.state()).networks.map((n) => toHexQuantity(n.chainId));
    const ids = chainIds ?? [...new Set(active)];
    return Object.fromEntries(
      ids
        .filter((id) => active.includes(toHexQuantity(BigInt(id))))
        .map((id) => [toHexQuantity(BigInt(id)), { atomic: { status: 'unsupported' } }]),
    );
  },

  async wallet_sendCalls({ origin, params, dedupeKey, method }, deps) {
    const [batch] = sendCallsParams.parse(params);
    if (batch.atomicRequired)
      throw walletError(
        5760,
        'Atomic execution is not supported: Ballast sends the calls as separate transactions. Retry with atomicRequired: false.',
      );
    const required = Object.entries({
      ...batch.capabilities,
      ...(Object.assign({}, ...batch.calls.map((c) => c.capabilities ?? {})) as Record<string, unknown>),
    }).filter(([, v]) => !(v as { optional?: boolean } | undefined)?.optional);
    if (required.length > 0) throw walletError(5700, `Unsupported capability: ${required.map(([k]) => k).join(', ')}.`);
    const from = (batch.from ?? (await accountsFor(origin, deps))[0]) as Address | undefined;
    if (!from) throw providerErrors.unauthorized({ message: 'No account is connected. Call eth_requestAccounts first.' });
    const activeNetwork = await deps.networks.active();
    const chainId = activeNetwork.chainId;
    if (batch.chainId !== chainId)
      throw walletError(
        5710,
        `Chain ${toHexQuantity(batch.chainId)} is not the active chain ${toHexQuantity(chainId)}. Switch chains first.`,
      );
    const txs = batch.calls.map((c) => ({ from, to: c.to, data: c.data, value: c.value }));
    for (const tx of txs) await checkTransaction(tx, origin, deps);
    const bundles = await deps.callBundles.getValue();
    const id = batch.id ?? bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
    if (bundles.some((b) => b.id === id && b.origin === origin))
      throw walletError(5720, `A batch with id ${id} already exists. Use a new id.`);
    // The fee (one fee per gas, each call's gas limit and nonce) is decided before the window shows the batch.
    const client = await deps.client();
    const now = deps.now ?? Date.now;
    const quote = (options: { preset?: FeePreset; notice?: string } = {}) =>
      quoteBatchFee(client, {
        from,
        network: { name: activeNetwork.name, chainId },
        calls: txs.map((t) => ({
          to: t.to as Address | undefined,
          data: t.data as Hex | undefined,
          value: t.value === undefined ? 0n : BigInt(t.value),
        })),
        ...options,
        now: now(),
      });
    const fee = await askWithFee({
      client,
      from,
      dedupeKey,
      what: 'batch of calls',
      fee: await quote(),
      ask: (shown, key) => deps.approvals.request({ origin, kind: 'batch', method, params: [batch], chainId, dedupeKey: key, fee: shown }),
      requote: ({ preset, notice }) => quote({ preset, notice }),
    });
    const store = deps.callFlows;
    if (store && txs.every((t) => t.to)) {
      // The flow executor: nonce stored before each send, each receipt awaited, resumable after a worker restart.
      const flow = await startCallsFlow(deps, store, {
        origin,
        from,
        chainId,
        calls: batch.calls.map((c) => ({
          to: c.to as Address,
          data: c.data as Hex | undefined,
          value: c.value === undefined ? undefined : BigInt(c.value),
        })),
        fee: flowFeeFromQuote(fee),
      });
      await deps.callBundles.setValue([
        ...(await deps.callBundles.getValue()).slice(-199),
        { id, origin, chainId, from, hashes: [], flowId: flow.id, createdAt: Date.now() },
      ]);
      const state = await runCallsFlow(deps, store, origin, flow.id);
      if (state.status === 'failed' && !state.steps.some((s) => s.hash)) {
        throw rpcErrors.internal({
          message:
            `The first call of the batch failed: ${state.failure?.error.message ?? 'unknown error'}. ${state.failure?.error.details ?? ''}`.trim(),
        });
      }
      return { id };
    }
    const hashes: Hex[] = [];
    let error: string | undefined;
    // Sequential: each send reads the pending nonce, which already counts the previous call.
    for (const [i, tx] of txs.entries()) {
      try {
        hashes.push(await signAndSend(tx, origin, deps, shownFeeOf(fee, i)));
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        break;
      }
    }
    await deps.callBundles.setValue([
      ...(await deps.callBundles.getValue()).slice(-199),
      { id, origin, chainId, from, hashes, error, createdAt: Date.now() },
    ]);
    if (hashes.length === 0) throw rpcErrors.internal({ message: `The first call of the batch failed: ${error ?? 'unknown error'}` });
    return { id };
  },

  async wallet_getCallsStatus({ origin, params }, deps) {
    const [id] = getCallsStatusParams.parse(params);
    const bundle = (await deps.callBundles.getValue()).find((b) => b.id === id && b.origin === origin);
    if (!bundle) throw walletError(5730, `Unknown batch id ${id}.`);
    if (bundle.flowId && deps.callFlows) {
      const flow = await callsFlowStatus(deps, deps.callFlows, origin, bundle.flowId);
      return {
        version: '2.0.0',
        id,
        chainId: toHexQuantity(flow.chainId),
        status: flow.status,
        atomic: false,
        receipts: flow.receipts.map(receiptView),
      };
    }
    const client = await deps.client();
    const receipts = await Promise.all(bundle.hashes.map((hash) => client.getTransactionReceipt({ hash }).catch(() => undefined)));
    const mined = receipts.filter((r) => r !== undefined);
    const failed = mined.filter((r) => r.status !== 'success').length;
    let status = 100;
    if (bundle.error && mined.length === bundle.hashes.length) status = mined.length > failed ? 600 : 500;
    else if (mined.length === bundle.hashes.length) status = failed === 0 ? 200 : failed === mined.length ? 500 : 600;
    return {
      version: '2.0.0',
      id,
      chainId: toHexQuantity(bundle.chainId),
      status,
      atomic: false,
      receipts: mined.map(receiptView),
    };
  },
};

/** A receipt as EIP-5792 lists it. */
function receiptView(r: TransactionReceipt) {
  return {
    logs: r.logs.map((l) => ({ address: l.address, data: l.data, topics: l.topics })),
    status: r.status === 'success' ? '0x1' : '0x0',
    blockHash: r.blockHash,
    blockNumber: toHexQuantity(r.blockNumber),
    gasUsed: toHexQuantity(r.gasUsed),
    transactionHash: r.transactionHash,
  };
}
