import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAbi } from 'viem';
import { startDevnet, type Devnet } from './devnet';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { RESTAKING_SYMBOLS } from '../../lib/restaking/tokens';
import type { SmokeReport } from '../smoke/check-registry';
import { LRT_DEVNET_STAKERS } from './seed/lrt';
import { PUFFER_PROTOCOL } from '../../lib/restaking/lrt-structure';
import { MELLOW_LRTS } from '../../lib/restaking/symbiotic-registry';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs the smoke CLI as a user would (a separate process) and returns its exit code and output. */
function runSmoke(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tsx, ['tests/smoke/smoke.ts', ...args], { cwd: root, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let devnet: Devnet;
beforeAll(async () => {
  devnet = await startDevnet({ symbiotic: true });
});
afterAll(async () => {
  await devnet?.stop();
});

// Each case spawns tsx (seconds of start-up on a busy machine), so the budget is wider than the default.
describe('npm run smoke against the devnet', { timeout: 240_000 }, () => {
  test("every registry entry passes on the seeded devnet; rates are the chain's own", async () => {
    const { code, stdout } = await runSmoke(['--rpc', devnet.rpcUrl, '--json']);
    const report = JSON.parse(stdout) as SmokeReport;
    expect(report.entries.map((e) => e.symbol)).toEqual(RESTAKING_SYMBOLS);
    expect(report.entries.filter((e) => !e.ok)).toEqual([]);
    expect(code).toBe(0);
    // Spot-check two figures against direct reads, not through the registry or Multicall3.
    const blockNumber = BigInt(report.blockNumber);
    const reth = await devnet.ctx.client.readContract({
      address: TOKENS.rETH,
      abi: parseAbi(['function getExchangeRate() view returns (uint256)']),
      functionName: 'getExchangeRate',
      blockNumber,
    });
    const rseth = await devnet.ctx.client.readContract({
      address: PROTOCOL_CONTRACTS.kelpOracle,
      abi: parseAbi(['function rsETHPrice() view returns (uint256)']),
      functionName: 'rsETHPrice',
      blockNumber,
    });
    expect(report.entries.find((e) => e.symbol === 'rETH')!.fairRate.rate).toBe(reth.toString());
    expect(report.entries.find((e) => e.symbol === 'rsETH')!.fairRate.rate).toBe(rseth.toString());
  });

  test('the table form lists each entry and the total', async () => {
    const { code, stdout } = await runSmoke(['--rpc', devnet.rpcUrl]);
    expect(code).toBe(0);
    for (const symbol of RESTAKING_SYMBOLS) expect(stdout).toMatch(new RegExp(`^${symbol}\\s+0x`, 'm'));
    expect(stdout).toContain(`${RESTAKING_SYMBOLS.length}/${RESTAKING_SYMBOLS.length} entries pass`);
  });

  test('a token whose code is removed fails alone, and the exit code is non-zero', async () => {
    await devnet.ctx.client.setCode({ address: TOKENS.mETH, bytecode: '0x' });
    const { code, stdout } = await runSmoke(['--rpc', devnet.rpcUrl, '--json']);
    const report = JSON.parse(stdout) as SmokeReport;
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    const failed = report.entries.filter((e) => !e.ok);
    expect(failed.map((e) => e.symbol)).toEqual(['mETH']);
    expect(failed[0]!.code).toEqual({ ok: false, detail: 'no code at this address' });
    expect(failed[0]!.symbolCheck.ok).toBe(false);
  });

  test('LRT structures: entry contracts have code, listing views (ether.fi: node events) answer, stakers found have code (Swell: the rswETH registry walk)', async () => {
    const { stdout } = await runSmoke(['--rpc', devnet.rpcUrl, '--json']);
    const report = JSON.parse(stdout) as SmokeReport;
    const by = Object.fromEntries(report.lrt.map((l) => [l.symbol, l]));
    for (const s of ['rsETH', 'ezETH', 'pufETH', 'weETH', 'rswETH']) {
      expect(
        by[s]!.checks.filter((c) => !c.ok),
        s,
      ).toEqual([]);
      expect(by[s]!.status).toBe('known');
    }
    expect(by.rsETH!.stakers).toEqual(LRT_DEVNET_STAKERS.filter((x) => x.lrt === 'rsETH').map((x) => x.staker));
    expect(by.rsETH!.checks.map((c) => c.what)).toContain('LRTConfig.getContract(LRT_DEPOSIT_POOL)');
    // ether.fi: EtherFiNodeDeployed logs found by the wallet's own scan; Swell: the StakerProxies its registry walk found.
    expect(by.weETH!.stakers).toEqual(
      LRT_DEVNET_STAKERS.filter((x) => x.lrt === 'weETH')
        .slice(0, 2)
        .map((x) => x.staker),
    );
    expect(by.weETH!.checks.map((c) => c.what)).toContain('EtherFiNodesManager.stakingManager()');
    expect(by.rswETH!.stakers).toEqual(LRT_DEVNET_STAKERS.filter((x) => x.lrt === 'rswETH').map((x) => x.staker));
    // the PufferProtocol's code removed: that structure fails, alone
    await devnet.ctx.client.setCode({ address: PUFFER_PROTOCOL, bytecode: '0x' });
    const broken = JSON.parse((await runSmoke(['--rpc', devnet.rpcUrl, '--json'])).stdout) as SmokeReport;
    expect(broken.lrt.filter((l) => !l.ok).map((l) => l.symbol)).toEqual(['pufETH']);
    expect(broken.ok).toBe(false);
  });

  test('Symbiotic: every vault, Mellow LRT, network and core contract passes on the doubles; an LRT without code fails alone', async () => {
    const report = JSON.parse((await runSmoke(['--rpc', devnet.rpcUrl, '--json'])).stdout) as SmokeReport;
    const items = [...report.symbiotic.core, ...report.symbiotic.vaults, ...report.symbiotic.lrts, ...report.symbiotic.networks];
    expect(items.filter((i) => !i.ok).map((i) => i.name)).toEqual([]);
    expect(report.symbiotic.lrts.map((l) => l.name)).toEqual(MELLOW_LRTS.map((l) => l.symbol));
    const pzeth = MELLOW_LRTS.find((l) => l.symbol === 'pzETH')!;
    const pairedVault = report.symbiotic.vaults.find((v) => v.address === pzeth.symbioticVault)!;
    expect(pairedVault.lookThrough).toBe('pzETH.symbioticVault()');
    await devnet.ctx.client.setCode({ address: pzeth.address, bytecode: '0x' });
    const broken = JSON.parse((await runSmoke(['--rpc', devnet.rpcUrl, '--json'])).stdout) as SmokeReport;
    expect([...broken.symbiotic.vaults, ...broken.symbiotic.lrts].filter((i) => !i.ok).map((i) => i.name)).toEqual(['pzETH']);
    expect(broken.ok).toBe(false);
  });

  test('missing, malformed or unreachable --rpc gives a clear message and exit code 2', async () => {
    const missing = await runSmoke([]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing --rpc/);
    const malformed = await runSmoke(['--rpc', 'not a url']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/not a URL/);
    const unreachable = await runSmoke(['--rpc', 'http://127.0.0.1:1']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/did not answer eth_chainId/);
  });
});
