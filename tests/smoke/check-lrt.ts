import { isAddressEqual, zeroAddress, type Address, type Client, type Hex } from 'viem';
import { getBytecode, getChainId, readContract } from 'viem/actions';
import { delegationManagerAbi, etherfiStakingManagerAbi } from '../../lib/chain/abis';
import {
  ETHERFI_NODES_MANAGER,
  ETHERFI_STAKING_MANAGER,
  etherfiNodesManagerAbi,
  KELP_DEPOSIT_POOL,
  KELP_LRT_CONFIG,
  kelpLrtConfigAbi,
  LRT_STRUCTURES,
  type LrtStructure,
} from '../../lib/restaking';
import { EIGENLAYER } from '../../lib/restaking/addresses';
import { scanEventStakers, type EventsStructure } from '../../lib/tracker/lookthrough/event-scan';
import { scanPathStakers, type PathStructure } from '../../lib/tracker/lookthrough/path-scan';
import { keccak256, toHex } from 'viem';
import type { CheckOutcome } from './check-registry';

/** One LRT structure (lib/restaking/lrt-structure.ts): its entry contracts have code and its listing views answer. */
export type LrtStructureReport = {
  symbol: string;
  status: LrtStructure['status'];
  checks: (CheckOutcome & { what: string })[];
  /** Stakers the listing returned (known structures). */
  stakers: Address[];
  ok: boolean;
};

const short = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0]! : String(e));

async function code(client: Client, address: Address, blockNumber: bigint, what: string) {
  try {
    const c = await getBytecode(client, { address, blockNumber });
    return c && c !== '0x'
      ? { what, ok: true, detail: `${(c.length - 2) / 2} bytes` }
      : { what, ok: false, detail: 'no code at this address' };
  } catch (e) {
    return { what, ok: false, detail: `eth_getCode failed: ${short(e)}` };
  }
}

/** The listing view(s) of one structure; returns the stakers found (first two are enough for the code check). */
async function listing(client: Client, s: Extract<LrtStructure, { status: 'known' }>, blockNumber: bigint) {
  const d = s.discovery;
  if (d.kind === 'path') return pathListing(client, s as PathStructure, d);
  const call = <T>(functionName: string, args: readonly unknown[] = []) =>
    readContract(client, { address: d.contract, abi: d.abi, functionName, args, blockNumber }) as Promise<T>;
  try {
    if (d.kind === 'list') {
      const list = await call<Address[]>(d.functionName);
      return { check: { what: `${d.functionName}()`, ok: list.length > 0, detail: `${list.length} ${s.stakerKind}s` }, stakers: list };
    }
    if (d.kind === 'indexed') {
      const n = await call<bigint>(d.lengthFunction);
      const first = n > 0n ? await call<Address>(d.itemFunction, [0n]) : zeroAddress;
      return {
        check: {
          what: `${d.lengthFunction}() / ${d.itemFunction}(0)`,
          ok: n > 0n && first !== zeroAddress,
          detail: `${n} ${s.stakerKind}s`,
        },
        stakers: [first],
      };
    }
    if (d.kind === 'events') return await eventListing(client, s as EventsStructure, d);
    const names = await call<Hex[]>(d.namesFunction);
    const first = names[0] ? await call<Address>(d.addressFunction, [names[0]]) : zeroAddress;
    return {
      check: {
        what: `${d.namesFunction}() / ${d.addressFunction}(names[0])`,
        ok: names.length > 0 && first !== zeroAddress,
        detail: `${names.length} names`,
      },
      stakers: [first],
    };
  } catch (e) {
    return { check: { what: `listing on ${d.contract}`, ok: false, detail: short(e) }, stakers: [] };
  }
}

/**
 * ether.fi: the StakingManager's EtherFiNodeDeployed logs exist (the wallet's own scan, bounded ranges, at most 40
 * requests: a partial scan that found nodes still proves the event), the first nodes are known to the StakingManager
 * (deployedEtherFiNodes) and answer DelegationManager.delegatedTo.
 */
async function eventListing(client: Client, s: EventsStructure, d: EventsStructure['discovery']) {
  const chainId = await getChainId(client);
  const scan = await scanEventStakers(client, { structure: s, chainId, maxRequests: 40 });
  const stakers = scan.stakers.slice(0, 2);
  const ok = await Promise.all(
    stakers.map(async (node) => {
      const [deployed, operator] = await Promise.all([
        readContract(client, { address: d.contract, abi: etherfiStakingManagerAbi, functionName: 'deployedEtherFiNodes', args: [node] }),
        readContract(client, {
          address: EIGENLAYER.delegationManager,
          abi: delegationManagerAbi,
          functionName: 'delegatedTo',
          args: [node],
        }),
      ]);
      return deployed === true && typeof operator === 'string';
    }),
  );
  return {
    check: {
      what: `${d.eventName} logs / deployedEtherFiNodes / delegatedTo`,
      ok: stakers.length > 0 && ok.every(Boolean),
      detail: `${scan.stakers.length} ${s.stakerKind}s to block ${scan.scannedTo} (${scan.status}${scan.reason ? `: ${scan.reason}` : ''})`,
    },
    stakers,
  };
}

/**
 * Swell: every hop of rswETH → AccessControlManager() → DepositManager() → eigenLayerManager() answers a contract with
 * code (the wallet's own walk), the manager lists StakerProxies (stakeId, stakerProxyAddresses), and the first ones
 * answer DelegationManager.delegatedTo.
 */
async function pathListing(client: Client, s: PathStructure, d: PathStructure['discovery']) {
  const chainId = await getChainId(client);
  const scan = await scanPathStakers(client, { structure: s, chainId });
  const hops = d.hops.map((h, i) => `${h.name} ${scan.path?.[i] ?? '?'}`).join(' → ');
  const stakers = scan.stakers.slice(0, 2);
  const answered = await Promise.all(
    stakers.map((staker) =>
      readContract(client, {
        address: EIGENLAYER.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'delegatedTo',
        args: [staker],
      })
        .then((op) => typeof op === 'string')
        .catch(() => false),
    ),
  );
  const hopCode = await Promise.all((scan.path ?? []).map((a) => getBytecode(client, { address: a }).then((c) => !!c && c !== '0x')));
  return {
    check: {
      what: `${d.hops.map((h) => `${h.functionName}()`).join(' → ')} / ${d.list.countFunction}() / ${d.list.itemFunction}(id) / delegatedTo`,
      ok:
        scan.status === 'complete' &&
        hopCode.length === d.hops.length &&
        hopCode.every(Boolean) &&
        stakers.length > 0 &&
        answered.every(Boolean),
      detail: `${hops}; ${scan.stakers.length} ${s.stakerKind}s at block ${scan.scannedTo} (${scan.status}${scan.reason ? `: ${scan.reason}` : ''})`,
    },
    stakers,
  };
}

/** Every LRT structure at one block: `unknown` ones are reported with their reason and do not fail the run. */
export async function checkLrtStructures(client: Client, blockNumber: bigint): Promise<LrtStructureReport[]> {
  return Promise.all(
    LRT_STRUCTURES.map(async (s): Promise<LrtStructureReport> => {
      if (s.status === 'unknown')
        return {
          symbol: s.symbol,
          status: s.status,
          checks: [{ what: 'no on-chain path', ok: true, detail: s.reason }],
          stakers: [],
          ok: true,
        };
      const checks: LrtStructureReport['checks'] = await Promise.all(
        s.entry.map((e) => code(client, e.address, blockNumber, `${e.name} code`)),
      );
      const { check, stakers } = await listing(client, s, blockNumber);
      checks.push(check);
      for (const staker of stakers.slice(0, 2).filter((x) => x !== zeroAddress))
        checks.push(await code(client, staker, blockNumber, `${s.stakerKind} ${staker} code`));
      if (s.symbol === 'weETH') {
        // Two sourced ether.fi addresses must agree: the nodes manager names the StakingManager it trusts.
        try {
          const sm = await readContract(client, {
            address: ETHERFI_NODES_MANAGER,
            abi: etherfiNodesManagerAbi,
            functionName: 'stakingManager',
            blockNumber,
          });
          checks.push({ what: 'EtherFiNodesManager.stakingManager()', ok: isAddressEqual(sm, ETHERFI_STAKING_MANAGER), detail: sm });
        } catch (e) {
          checks.push({ what: 'EtherFiNodesManager.stakingManager()', ok: false, detail: short(e) });
        }
      }
      if (s.symbol === 'rsETH') {
        // Two sourced Kelp addresses must agree: LRTConfig names the deposit pool (LRTConstants.LRT_DEPOSIT_POOL).
        try {
          const pool = (await readContract(client, {
            address: KELP_LRT_CONFIG,
            abi: kelpLrtConfigAbi,
            functionName: 'getContract',
            args: [keccak256(toHex('LRT_DEPOSIT_POOL'))],
            blockNumber,
          })) as Address;
          checks.push({ what: 'LRTConfig.getContract(LRT_DEPOSIT_POOL)', ok: isAddressEqual(pool, KELP_DEPOSIT_POOL), detail: pool });
        } catch (e) {
          checks.push({ what: 'LRTConfig.getContract(LRT_DEPOSIT_POOL)', ok: false, detail: short(e) });
        }
      }
      return { symbol: s.symbol, status: s.status, checks, stakers, ok: checks.every((c) => c.ok) };
    }),
  );
}

export function formatLrtTable(reports: readonly LrtStructureReport[]): string {
  const lines = reports.flatMap((r) => [
    `${r.symbol} (${r.status})${r.ok ? '' : ' — FAILED'}`,
    ...r.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.what}: ${c.detail}`),
  ]);
  const passed = reports.filter((r) => r.ok).length;
  return ['LRT structures (lib/restaking/lrt-structure.ts)', ...lines, `${passed}/${reports.length} LRT structures pass`].join('\n');
}
