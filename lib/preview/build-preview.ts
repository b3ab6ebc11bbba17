import { getAddress, type Address } from 'viem';
import { scoreFlags, type RiskFlag } from '../risk';
import { formatDelta, netDeltas } from './balance-changes';
import { decodeCall } from './decode';
import { defaultRegistry, shortAddress } from './labels';
import { createBatchReader } from './reader';
import { aaveRule } from './rules/aave';
import { approvalRule, codeRule } from './rules/approvals';
import { bridgeRule } from './rules/bridge';
import { couldNotCheck, tokenMeta, type RuleContext, type RuleOutput } from './rules/context';
import { curveRule } from './rules/curve';
import { depositRule } from './rules/deposit';
import { eigenRule } from './rules/eigen';
import { lrtConcentrationRule } from './rules/lrt-concentration';
import { mellowNetworksRule } from './rules/mellow-networks';
import { personalSignRule } from './rules/personal-sign';
import { recipientRule } from './rules/recipient';
import { parseTypedData, decodeTypedData, typedDataRule } from './rules/signatures';
import { simulateCalls } from './simulate';
import type {
  BalanceChange,
  DecodedCall,
  Preview,
  PreviewCall,
  PreviewDeps,
  PreviewFacts,
  PreviewRequest,
  PreviewSimulation,
} from './types';

const TRANSACTION_RULES = [
  codeRule,
  approvalRule,
  depositRule,
  eigenRule,
  curveRule,
  recipientRule,
  aaveRule,
  lrtConcentrationRule,
  mellowNetworksRule,
  bridgeRule,
];
const NO_SIMULATION: PreviewSimulation = { status: 'unavailable', method: 'none', reason: 'signatures do not execute on-chain', calls: [] };

function merge(outputs: readonly RuleOutput[]): RuleOutput & { facts: PreviewFacts } {
  const facts: PreviewFacts = {};
  for (const o of outputs) {
    if (o.facts?.depeg) facts.depeg = [...(facts.depeg ?? []), ...o.facts.depeg];
    if (o.facts?.slashing) facts.slashing = [...(facts.slashing ?? []), ...o.facts.slashing];
    if (o.facts?.impermanentLoss) facts.impermanentLoss = [...(facts.impermanentLoss ?? []), ...o.facts.impermanentLoss];
    if (o.facts?.lrtConcentration) facts.lrtConcentration = [...(facts.lrtConcentration ?? []), ...o.facts.lrtConcentration];
    if (o.facts?.mellowNetworks) facts.mellowNetworks = [...(facts.mellowNetworks ?? []), ...o.facts.mellowNetworks];
  }
  return {
    flags: outputs.flatMap((o) => o.flags),
    checked: outputs.flatMap((o) => o.checked),
    notChecked: outputs.flatMap((o) => o.notChecked),
    facts,
  };
}

/** RiskFlag.source.block may be a bigint; the Preview crosses messaging, so everything becomes JSON-safe. */
const jsonSafe = (flags: RiskFlag[]): RiskFlag[] =>
  flags.map((f) => (f.source?.block !== undefined ? { ...f, source: { ...f.source, block: String(f.source.block) } } : f));

function simulationFlag(simulation: PreviewSimulation, decoded: readonly DecodedCall[]): RiskFlag | undefined {
  if (simulation.status === 'unavailable') {
    return couldNotCheck('simulation', 'what this transaction does', simulation.reason ?? 'the node did not simulate it');
  }
  if (simulation.status === 'reverted') {
    const index = simulation.revertedCall ?? 0;
    const call = decoded[index];
    return {
      id: 'simulation.reverted',
      severity: 'danger',
      title: `${call ? `${call.targetLabel} ${call.functionName}` : 'The transaction'} would fail`,
      numbers: { reason: simulation.reason ?? 'reverted', ...(decoded.length > 1 ? { call: `${index + 1} of ${decoded.length}` } : {}) },
      why: 'The simulation reverted: sent now, it would fail and still cost gas. The page may be out of date, the amount too large, or a minimum not met.',
    };
  }
  return undefined;
}

async function previewCalls(
  deps: PreviewDeps,
  from: Address,
  calls: readonly PreviewCall[],
  kind: Preview['kind'],
  started: number,
): Promise<Preview> {
  const registry = { ...defaultRegistry, ...deps.registry };
  const reader = createBatchReader(deps.client);
  const analyses = calls.map((c) => decodeCall(c, registry));
  // The simulation leaves with the rules' first reads (one JSON-RPC batch on a batching transport).
  const simulation = reader
    .withNextFlush(() => simulateCalls(deps.client, from, calls))
    .then((s) => ({ ...s, deltas: s.logs ? netDeltas(s.logs, from) : undefined }));
  const ctx: RuleContext = {
    client: deps.client,
    from,
    calls: analyses,
    reader,
    registry,
    chainId: deps.chainId,
    nowSeconds: BigInt(Math.floor(deps.now() / 1000)),
    simulation,
    ...(deps.known ? { known: deps.known } : {}),
    ...(deps.exposure ? { exposure: deps.exposure } : {}),
  };
  const [sim, ...ruleOutputs] = await Promise.all([simulation, ...TRANSACTION_RULES.map((rule) => rule(ctx))]);

  const balanceChanges: BalanceChange[] = [];
  if (sim.deltas) {
    const metas = await Promise.all(
      [...sim.deltas.keys()].map((asset) => (asset === 'ETH' ? { symbol: 'ETH', decimals: 18 } : tokenMeta(ctx, asset as Address))),
    );
    [...sim.deltas.entries()].forEach(([asset, delta], i) => {
      const meta = metas[i] ?? { symbol: shortAddress(asset), decimals: 18 };
      balanceChanges.push({
        token: asset === 'ETH' ? 'ETH' : getAddress(asset),
        symbol: meta.symbol,
        decimals: meta.decimals,
        delta: delta.toString(),
        formatted: formatDelta(delta, meta.symbol, meta.decimals),
      });
    });
  } else if (sim.simulation.status === 'ok') {
    // Without a trace only the ETH sent is certain.
    const sent = calls.reduce((sum, c) => sum + (c.value ?? 0n), 0n);
    if (sent > 0n)
      balanceChanges.push({
        token: 'ETH',
        symbol: 'ETH',
        decimals: 18,
        delta: (-sent).toString(),
        formatted: formatDelta(-sent, 'ETH', 18),
      });
  }

  const merged = merge([{ flags: [], checked: sim.checked, notChecked: sim.notChecked }, ...ruleOutputs]);
  const simFlag = simulationFlag(
    sim.simulation,
    analyses.map((a) => a.decoded),
  );
  if (simFlag) merged.flags.push(simFlag);
  if (sim.simulation.status === 'unavailable' && !merged.notChecked.some((n) => n.startsWith('simulation')))
    merged.notChecked.push(`simulation: ${sim.simulation.reason}`);
  for (const a of analyses)
    if (!a.decoded.known && a.decoded.selector)
      merged.notChecked.push(`call to ${a.decoded.targetLabel}: unknown function ${a.decoded.selector}, shown raw`);
  return finish(
    kind,
    analyses.map((a) => a.decoded),
    sim.simulation,
    balanceChanges,
    merged,
    started,
    deps,
  );
}

function finish(
  kind: Preview['kind'],
  decoded: DecodedCall[],
  simulation: PreviewSimulation,
  balanceChanges: BalanceChange[],
  merged: RuleOutput & { facts: PreviewFacts },
  started: number,
  deps: PreviewDeps,
): Preview {
  const { flags, worst } = scoreFlags(merged.flags);
  return {
    kind,
    decoded,
    simulation,
    balanceChanges,
    flags: jsonSafe(flags),
    worst,
    checked: merged.checked,
    notChecked: merged.notChecked,
    facts: merged.facts,
    elapsedMs: Math.max(0, deps.now() - started),
  };
}

/**
 * Decodes, simulates and risk-checks one wallet request. Never throws for chain trouble: what could not
 * be read is listed in `notChecked` with a warn flag, so a failure never looks like "no risk".
 */
export async function buildPreview(deps: PreviewDeps, request: PreviewRequest): Promise<Preview> {
  const started = deps.now();
  const registry = { ...defaultRegistry, ...deps.registry };
  switch (request.kind) {
    case 'transaction':
      return previewCalls(deps, request.tx.from, [request.tx], 'transaction', started);
    case 'batch':
      return previewCalls(deps, request.from, request.calls, 'batch', started);
    case 'typedData': {
      let typed;
      try {
        typed = parseTypedData(request.data);
      } catch (error) {
        const flag = couldNotCheck(
          'typed-data',
          'this signature request',
          `the typed data is not valid JSON (${(error as Error).message})`,
        );
        return finish(
          'typedData',
          [],
          NO_SIMULATION,
          [],
          { flags: [flag], checked: [], notChecked: ['the typed data could not be parsed'], facts: {} },
          started,
          deps,
        );
      }
      const reader = createBatchReader(deps.client);
      const ctx: RuleContext = {
        client: deps.client,
        from: request.from,
        calls: [],
        reader,
        registry,
        chainId: deps.chainId,
        nowSeconds: BigInt(Math.floor(deps.now() / 1000)),
        simulation: Promise.resolve({ simulation: NO_SIMULATION, checked: [], notChecked: [] }),
      };
      const output = await typedDataRule(ctx, typed);
      return finish('typedData', [decodeTypedData(typed, registry.labelOf)], NO_SIMULATION, [], merge([output]), started, deps);
    }
    case 'personalSign': {
      const { output, decoded } = personalSignRule(request.message, { from: request.from, origin: request.origin, chainId: deps.chainId });
      return finish('personalSign', [decoded], NO_SIMULATION, [], merge([output]), started, deps);
    }
  }
}
