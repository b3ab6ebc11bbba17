import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem';
import { renzoWithdrawQueueAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS } from '../../restaking/addresses';
import type { Position, ReadCall, Reads } from '../types';
import { bigintOf, errorOf, positionId, valueOf, type PositionReader } from './reader';
import { failedQueue } from './queue-common';

const QUEUE = PROTOCOL_CONTRACTS.renzoWithdrawQueue;
const abi = renzoWithdrawQueueAbi;
export const RENZO_WITHDRAWAL_FAMILY = 'renzo-withdrawal' as const;
const IS_NATIVE: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
/** An account's request array longer than this is read only this far (each entry is one read). */
const MAX_REQUESTS_PER_ACCOUNT = 32n;

const k = {
  count: (a: Address) => `renzo-wq:count:${a}`,
  request: (a: Address, i: bigint) => `renzo-wq:request:${a}:${i}`,
  queued: (a: Address, i: bigint) => `renzo-wq:queued:${a}:${i}`,
  redeem: (a: Address, i: bigint) => `renzo-wq:redeem:${a}:${i}`,
  coolDown: 'renzo-wq:coolDownPeriod',
  ethQueue: 'renzo-wq:ethWithdrawQueue',
};

export type RenzoRequest = readonly [
  collateralToken: Address,
  withdrawRequestID: bigint,
  amountToRedeem: bigint,
  ezETHLocked: bigint,
  createdAt: bigint,
];

/** The key of withdrawQueued: keccak256(abi.encode(request, user)), as WithdrawQueue computes it. */
export function renzoWithdrawHash(r: RenzoRequest, user: Address): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        {
          type: 'tuple',
          components: [
            { name: 'collateralToken', type: 'address' },
            { name: 'withdrawRequestID', type: 'uint256' },
            { name: 'amountToRedeem', type: 'uint256' },
            { name: 'ezETHLocked', type: 'uint256' },
            { name: 'createdAt', type: 'uint256' },
          ],
        },
        { type: 'address' },
      ],
      [{ collateralToken: r[0], withdrawRequestID: r[1], amountToRedeem: r[2], ezETHLocked: r[3], createdAt: r[4] }, user],
    ),
  );
}

const countOf = (reads: Reads, a: Address): bigint | undefined => {
  const n = bigintOf(reads, k.count(a));
  if (n === undefined) return undefined;
  return n > MAX_REQUESTS_PER_ACCOUNT ? MAX_REQUESTS_PER_ACCOUNT : n;
};

/**
 * When a Renzo request pays: coolDownPeriod after its creation, and, if it was queued (the buffer was short), once
 * the queue has been filled up to its fillAt. The cooldown gives an earliest time; the fill has no schedule.
 * (Renzo's risk oracle can lengthen the cooldown on mainnet; it is not read.)
 */
export function renzoQueueEta(input: {
  createdAt: bigint;
  coolDownPeriod: bigint;
  queued: boolean;
  fillAt: bigint;
  queuedWithdrawFilled: bigint;
  now: bigint;
}) {
  const readyAt = input.createdAt + input.coolDownPeriod;
  const filled = !input.queued || input.fillAt <= input.queuedWithdrawFilled;
  const cooled = input.now >= readyAt;
  const fill = !input.queued
    ? 'paid from the withdraw buffer'
    : filled
      ? 'queued, and the queue has been filled past it'
      : `queued: the ETH queue is filled to ${input.queuedWithdrawFilled}, this request needs ${input.fillAt}`;
  if (cooled && filled) return { eta: 'now', claimable: true, readyAt, basis: `cooldown over and ${fill}: claimable now` };
  if (!cooled)
    return {
      eta: 'estimated',
      claimable: false,
      readyAt,
      basis: `earliest ${readyAt} (unix s: created ${input.createdAt} + coolDownPeriod ${input.coolDownPeriod}); ${fill}`,
    };
  return { eta: 'unknown', claimable: false, readyAt, basis: `the cooldown ended at ${readyAt} (unix s); waiting for the fill: ${fill}` };
}

/**
 * Renzo ezETH → ETH withdrawal requests per account. Phase 1: each account's request count, the cooldown and the
 * ETH queue; phase 2: each request; phase 3: its queued status (keyed by its hash) and, once past the cooldown,
 * what a claim pays now (calculateAmountToRedeem: Renzo's TVL walk, heavy on mainnet, so only then).
 */
export function renzoWithdrawalsReader(): PositionReader {
  const rows = (accounts: readonly Address[], reads: Reads) =>
    accounts.flatMap((a) => {
      const out: { a: Address; i: bigint; r: RenzoRequest }[] = [];
      const n = countOf(reads, a) ?? 0n;
      for (let i = 0n; i < n; i += 1n) {
        const r = valueOf<RenzoRequest>(reads, k.request(a, i));
        if (r) out.push({ a, i, r });
      }
      return out;
    });
  return {
    family: RENZO_WITHDRAWAL_FAMILY,
    phase1: ({ accounts }) => [
      { key: k.coolDown, address: QUEUE, abi, functionName: 'coolDownPeriod', gas: 10_000n },
      { key: k.ethQueue, address: QUEUE, abi, functionName: 'ethWithdrawQueue', gas: 10_000n },
      ...accounts.map((a): ReadCall => ({
        key: k.count(a),
        address: QUEUE,
        abi,
        functionName: 'getOutstandingWithdrawRequests',
        args: [a],
        gas: 10_000n,
      })),
    ],
    phase2: ({ accounts }, reads) =>
      accounts.flatMap((a): ReadCall[] => {
        const n = countOf(reads, a) ?? 0n;
        const out: ReadCall[] = [];
        for (let i = 0n; i < n; i += 1n)
          out.push({ key: k.request(a, i), address: QUEUE, abi, functionName: 'withdrawRequests', args: [a, i], gas: 20_000n });
        return out;
      }),
    phase3: ({ accounts, blockTimestamp }, reads) => {
      const coolDown = bigintOf(reads, k.coolDown);
      return rows(accounts, reads).flatMap(({ a, i, r }): ReadCall[] => [
        {
          key: k.queued(a, i),
          address: QUEUE,
          abi,
          functionName: 'withdrawQueued',
          args: [renzoWithdrawHash(r, a)],
          gas: 10_000n,
        },
        ...(coolDown !== undefined && blockTimestamp !== undefined && blockTimestamp >= r[4] + coolDown
          ? [
              {
                key: k.redeem(a, i),
                address: QUEUE,
                abi,
                functionName: 'calculateAmountToRedeem',
                args: [r[3], IS_NATIVE],
                gas: 2_000_000n,
              } satisfies ReadCall,
            ]
          : []),
      ]);
    },
    positions: ({ accounts, blockTimestamp }, reads) =>
      accounts.flatMap((a): Position[] => {
        const n = countOf(reads, a);
        const coolDown = bigintOf(reads, k.coolDown);
        const ethQueue = valueOf<readonly [bigint, bigint]>(reads, k.ethQueue);
        const source = { contract: QUEUE, call: 'getOutstandingWithdrawRequests' };
        if (n === undefined)
          return [
            failedQueue(
              RENZO_WITHDRAWAL_FAMILY,
              a,
              'Renzo withdrawal queue',
              `getOutstandingWithdrawRequests: ${errorOf(reads, k.count(a))}`,
              source,
            ),
          ];
        if (n === 0n) return [];
        if (coolDown === undefined || !ethQueue || blockTimestamp === undefined) {
          const which = coolDown === undefined ? k.coolDown : k.ethQueue;
          return [failedQueue(RENZO_WITHDRAWAL_FAMILY, a, 'Renzo withdrawal queue', `${which}: ${errorOf(reads, which)}`, source)];
        }
        const out: Position[] = [];
        for (let i = 0n; i < n; i += 1n) {
          const r = valueOf<RenzoRequest>(reads, k.request(a, i));
          const status = valueOf<readonly [boolean, bigint]>(reads, k.queued(a, i));
          if (!r || !status) {
            const which = !r ? k.request(a, i) : k.queued(a, i);
            out.push(
              failedQueue(
                RENZO_WITHDRAWAL_FAMILY,
                a,
                `ezETH withdrawal (index ${i})`,
                `${!r ? 'withdrawRequests' : 'withdrawQueued'}: ${errorOf(reads, which)}`,
                source,
              ),
            );
            continue;
          }
          const [, id, amountToRedeem, locked, createdAt] = r;
          const eta = renzoQueueEta({
            createdAt,
            coolDownPeriod: coolDown,
            queued: status[0],
            fillAt: status[1],
            queuedWithdrawFilled: ethQueue[1],
            now: blockTimestamp,
          });
          const cooled = blockTimestamp >= eta.readyAt;
          const now = cooled ? valueOf<readonly [unknown, bigint]>(reads, k.redeem(a, i))?.[1] : undefined;
          const error = cooled && now === undefined ? `calculateAmountToRedeem: ${errorOf(reads, k.redeem(a, i))}` : undefined;
          // claim pays min(amountToRedeem, the ezETH's worth at claim time): before the cooldown the recorded figure
          // is the most it can pay.
          const payout = now !== undefined && now < amountToRedeem ? now : amountToRedeem;
          const value = cooled ? (now !== undefined ? payout : null) : amountToRedeem;
          const asset = `ezETH withdrawal #${id}`;
          out.push({
            id: positionId(RENZO_WITHDRAWAL_FAMILY, a, asset),
            family: RENZO_WITHDRAWAL_FAMILY,
            account: a,
            asset,
            status: error ? 'failed' : 'ok',
            ...(error ? { error } : {}),
            amount: locked,
            fairValueEth: value,
            marketValueEth: value,
            depegWad: null,
            marketSource: 'ETH paid by the Renzo WithdrawQueue (requests are not transferable)',
            details: {
              protocol: 'Renzo',
              queue: 'renzo',
              requestId: String(id),
              queueIndex: String(i),
              status: eta.claimable ? 'claimable' : 'requested',
              claimable: String(eta.claimable && !error),
              ezETHLocked: String(locked),
              amountToRedeem: String(amountToRedeem),
              createdAt: String(createdAt),
              queued: String(status[0]),
              ...(status[0] ? { fillAt: String(status[1]), queuedWithdrawFilled: String(ethQueue[1]) } : {}),
              ...(eta.claimable && !error ? { claimableEth: String(payout) } : {}),
              eta: eta.eta,
              etaBasis: eta.basis,
              ...(eta.eta === 'estimated' ? { etaTimestamp: String(eta.readyAt) } : {}),
              coolDownPeriod: String(coolDown),
            },
            sources: [
              source,
              { contract: QUEUE, call: 'withdrawRequests' },
              { contract: QUEUE, call: 'withdrawQueued' },
              { contract: QUEUE, call: 'coolDownPeriod' },
              ...(cooled ? [{ contract: QUEUE, call: 'calculateAmountToRedeem' }] : []),
            ],
          });
        }
        return out;
      }),
  };
}
