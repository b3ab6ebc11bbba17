import type { Address, Client } from 'viem';
import { getBytecode, readContract } from 'viem/actions';
import {
  etherfiWithdrawRequestNftAbi,
  kelpWithdrawalManagerAbi,
  mantleStakingUnstakeAbi,
  mantleUnstakeRequestsManagerAbi,
  pufferWithdrawalManagerAbi,
  renzoWithdrawQueueAbi,
} from '../../lib/chain/abis';
import { PROTOCOL_CONTRACTS } from '../../lib/restaking/addresses';
import { MORE_WITHDRAWAL_QUEUES } from '../../lib/restaking/withdrawal-queues/more';
import type { CheckOutcome } from './check-registry';

/** One protocol withdrawal queue: code at its address and the views the tracker reads answer consistently. */
export type QueueReport = { id: string; name: string; address: Address; checks: (CheckOutcome & { what: string })[]; ok: boolean };

const KELP_ETH: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
const short = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0]! : String(e));

type Check = CheckOutcome & { what: string };

async function views(client: Client, id: string, address: Address, blockNumber: bigint): Promise<Check[]> {
  const at = { blockNumber };
  if (id === 'etherfi') {
    const r = <T>(functionName: 'nextRequestId' | 'lastFinalizedRequestId') =>
      readContract(client, { address, abi: etherfiWithdrawRequestNftAbi, functionName, ...at }) as Promise<T>;
    const [next, last] = await Promise.all([r<number>('nextRequestId'), r<number>('lastFinalizedRequestId')]);
    return [
      { what: 'nextRequestId() > lastFinalizedRequestId()', ok: next > last && next > 0, detail: `next #${next}, last finalized #${last}` },
    ];
  }
  if (id === 'kelp') {
    const [delay, locked, unused] = await Promise.all([
      readContract(client, { address, abi: kelpWithdrawalManagerAbi, functionName: 'withdrawalDelayBlocks', ...at }),
      readContract(client, { address, abi: kelpWithdrawalManagerAbi, functionName: 'nextLockedNonce', args: [KELP_ETH], ...at }),
      readContract(client, { address, abi: kelpWithdrawalManagerAbi, functionName: 'nextUnusedNonce', args: [KELP_ETH], ...at }),
    ]);
    return [
      { what: 'withdrawalDelayBlocks()', ok: delay > 0n, detail: `${delay} blocks` },
      { what: 'nextLockedNonce(ETH) ≤ nextUnusedNonce(ETH)', ok: locked <= unused, detail: `${locked} ≤ ${unused}` },
    ];
  }
  if (id === 'renzo') {
    const [coolDown, [toFill, filled], nonce] = await Promise.all([
      readContract(client, { address, abi: renzoWithdrawQueueAbi, functionName: 'coolDownPeriod', ...at }),
      readContract(client, { address, abi: renzoWithdrawQueueAbi, functionName: 'ethWithdrawQueue', ...at }),
      readContract(client, { address, abi: renzoWithdrawQueueAbi, functionName: 'withdrawRequestNonce', ...at }),
    ]);
    return [
      { what: 'coolDownPeriod()', ok: coolDown > 0n, detail: `${coolDown} s` },
      { what: 'ethWithdrawQueue() filled ≤ to fill', ok: filled <= toFill, detail: `${filled} ≤ ${toFill}; ${nonce} requests so far` },
    ];
  }
  if (id === 'mantle') {
    const [next, blocks] = await Promise.all([
      readContract(client, { address, abi: mantleUnstakeRequestsManagerAbi, functionName: 'nextRequestId', ...at }),
      readContract(client, { address, abi: mantleUnstakeRequestsManagerAbi, functionName: 'numberOfBlocksToFinalize', ...at }),
    ]);
    // The claim and its status go through Staking: unstakeRequestInfo must answer for an existing id.
    const info =
      next > 0n
        ? await readContract(client, {
            address: PROTOCOL_CONTRACTS.mantleStaking,
            abi: mantleStakingUnstakeAbi,
            functionName: 'unstakeRequestInfo',
            args: [next - 1n],
            ...at,
          })
        : undefined;
    return [
      { what: 'numberOfBlocksToFinalize()', ok: true, detail: `${blocks} blocks` },
      {
        what: 'Staking.unstakeRequestInfo(nextRequestId − 1)',
        ok: next === 0n || info !== undefined,
        detail: info ? `#${next - 1n}: finalized ${info[0]}, filled ${info[1]} wei` : 'no request yet',
      },
    ];
  }
  const [size, length, finalized] = await Promise.all([
    readContract(client, { address, abi: pufferWithdrawalManagerAbi, functionName: 'BATCH_SIZE', ...at }),
    readContract(client, { address, abi: pufferWithdrawalManagerAbi, functionName: 'getWithdrawalsLength', ...at }),
    readContract(client, { address, abi: pufferWithdrawalManagerAbi, functionName: 'getFinalizedWithdrawalBatch', ...at }),
  ]);
  return [
    { what: 'BATCH_SIZE()', ok: size > 0n, detail: String(size) },
    {
      what: 'getFinalizedWithdrawalBatch() ≤ getWithdrawalsLength() / BATCH_SIZE',
      ok: size > 0n && length >= size && finalized <= length / size,
      detail: `finalized batch ${finalized}, ${length} withdrawals`,
    },
  ];
}

/** Every queue in MORE_WITHDRAWAL_QUEUES at one block. */
export async function checkQueues(client: Client, blockNumber: bigint): Promise<QueueReport[]> {
  return Promise.all(
    MORE_WITHDRAWAL_QUEUES.map(async (q): Promise<QueueReport> => {
      const address = q.contract.address;
      const checks: Check[] = [];
      try {
        const code = await getBytecode(client, { address, blockNumber });
        checks.push(
          code && code !== '0x'
            ? { what: 'code', ok: true, detail: `${(code.length - 2) / 2} bytes` }
            : { what: 'code', ok: false, detail: 'no code at this address' },
        );
      } catch (e) {
        checks.push({ what: 'code', ok: false, detail: `eth_getCode failed: ${short(e)}` });
      }
      try {
        checks.push(...(await views(client, q.id, address, blockNumber)));
      } catch (e) {
        checks.push({ what: 'views', ok: false, detail: `a view reverted or did not answer: ${short(e)}` });
      }
      return { id: q.id, name: q.name, address, checks, ok: checks.every((c) => c.ok) };
    }),
  );
}

export function formatQueueTable(reports: readonly QueueReport[]): string {
  const lines = reports.flatMap((r) => [
    `${r.name} ${r.address}${r.ok ? '' : ' — FAILED'}`,
    ...r.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.what}: ${c.detail}`),
  ]);
  const passed = reports.filter((r) => r.ok).length;
  return ['Withdrawal queues (lib/restaking/withdrawal-queues)', ...lines, `${passed}/${reports.length} queues pass`].join('\n');
}
